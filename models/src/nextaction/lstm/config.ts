/** Shape of the next-action LSTM. Everything but `vocabSize` has a default. */
export interface LstmConfig {
  /** Number of distinct actions; action index `vocabSize` is padding. */
  readonly vocabSize: number;
  readonly hidden: number;
  readonly layers: number;
  /** Longest window of actions fed at once; longer sessions are cut into overlapping windows. */
  readonly window: number;
  /** Actions of context carried into each later window of a long session (not scored there). */
  readonly burnIn: number;
  /** Distinct data types (0 = no data-type input). Index `dataTypes` means unknown. */
  readonly dataTypes: number;
  /** Distinct profiles (0 = no profile input). Index `profiles` means unknown. */
  readonly profiles: number;
  /** Buckets of the hashed user embedding (0 = none). */
  readonly userBuckets: number;
  /** Time of day and day of week as sin/cos inputs (needs timestamps). */
  readonly timeFeatures: boolean;
  /**
   * Session-history inputs at every step: log(1 + how often each action occurred so far in the
   * session) and log(1 + position). They give a small LSTM the whole session's context cheaply.
   */
  readonly historyFeatures: boolean;
  /** Recency inputs at every step: 1 / (1 + steps since each action last occurred), 0 if it has not. */
  readonly recencyFeatures: boolean;
  /**
   * Order of an interpolated Markov chain whose log-probabilities are added to the next-action logits
   * (0 = none): the LSTM then learns a correction to the chain and starts out as good as it. Its counts
   * come from the training sessions and are saved with the weights.
   */
  readonly markovPrior: number;
  /** The prior's log-probabilities also feed the first layer (not only the logits); needs markovPrior > 0. */
  readonly priorInput: boolean;
}

export const LSTM_DEFAULTS: Omit<LstmConfig, 'vocabSize'> = {
  hidden: 128,
  layers: 1,
  window: 64,
  burnIn: 16,
  dataTypes: 0,
  profiles: 0,
  userBuckets: 0,
  timeFeatures: false,
  historyFeatures: true,
  recencyFeatures: false,
  markovPrior: 3,
  priorInput: false,
};

/** Fills defaults and checks every field, naming the bad one. */
export function lstmConfig(partial: Partial<LstmConfig> & { vocabSize: number }): LstmConfig {
  const c: LstmConfig = { ...LSTM_DEFAULTS, ...partial };
  const intIn = (name: keyof LstmConfig, lo: number, hi: number): void => {
    const v = c[name] as number;
    if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`lstm ${name} must be an integer in ${lo}…${hi}, got ${v}`);
  };
  intIn('vocabSize', 1, 254);
  intIn('hidden', 1, 4096);
  intIn('layers', 1, 4);
  intIn('window', 2, 4096);
  intIn('burnIn', 0, c.window - 2);
  intIn('dataTypes', 0, 254);
  intIn('profiles', 0, 100000);
  intIn('userBuckets', 0, 1 << 20);
  intIn('markovPrior', 0, 4);
  if (c.priorInput && c.markovPrior === 0) throw new Error('lstm priorInput needs a Markov prior (markovPrior > 0), got markovPrior 0');
  return c;
}
