import type { LstmArtifacts, LstmConfig, PackedSessions, TrainOptions, TrainProgress, TrainStats } from '@shadowfleet/models';

/** Main thread → training worker. */
export interface TrainRequest {
  readonly type: 'train';
  readonly config: Partial<LstmConfig> & { vocabSize: number };
  readonly options: Partial<TrainOptions>;
  readonly sessions: PackedSessions;
  /** Continue from these weights (incremental retraining) instead of a fresh network. */
  readonly start?: LstmArtifacts;
  readonly modelVersion: number;
}

/** Training worker → main thread. */
export type TrainReply =
  | { readonly type: 'progress'; readonly progress: TrainProgress }
  | { readonly type: 'done'; readonly artifacts: LstmArtifacts; readonly stats: TrainStats }
  | { readonly type: 'error'; readonly message: string };
