/**
 * A session as the next-action models see it: the actions in time order, each an index into a
 * vocabulary of `vocabSize` actions (0 … vocabSize-1). Uint8Array keeps a million sessions small.
 */
export type ActionSequence = Uint8Array;

/** Predicts the next action of a session from its prefix. */
export interface NextActionPredictor {
  readonly name: string;
  readonly vocabSize: number;
  /**
   * For every position j ≥ 1 of every session, the `k` most likely actions at j given items 0 … j-1,
   * best first. Result per session: (length-1)·k action indices, row j-1 = the ranking for position j.
   */
  rankAllPositions(sessions: readonly ActionSequence[], k: number): Promise<Uint8Array[]>;
}
