import { splitSessions, type ActionSequence } from '@shadowfleet/models';
import { trainInWorker } from './lstm-worker/worker-client';

/** The architecture of BENCHMARKS.md §2's 2-core PyTorch reference: one-hot actions → LSTM(32) → logits. */
export const REFERENCE_ARCHITECTURE = { hidden: 32, layers: 1, historyFeatures: false, markovPrior: 0 } as const;

export interface ThroughputResult {
  readonly architecture: string;
  readonly seconds: number;
  readonly targets: number;
  readonly targets_per_second: number;
  /** CPU time of this process (main thread idle, the worker training) and targets per CPU second. */
  readonly cpu_seconds: number;
  readonly targets_per_cpu_second: number;
}

/**
 * Training throughput (scored targets per second) of the reference 1×32 LSTM, trained for `seconds`
 * (or one epoch, if shorter) on the training split in a worker thread, with the default batches and
 * Adam. The machine's other load is not subtracted: targets per CPU second shows it.
 */
export async function measureLstmThroughput(sessions: readonly ActionSequence[], vocabSize: number, seconds: number): Promise<ThroughputResult> {
  if (!(seconds > 0)) throw new Error(`throughput seconds must be > 0, got ${seconds}`);
  const { train } = splitSessions(sessions);
  const cpu = process.cpuUsage();
  const { stats } = await trainInWorker({ ...REFERENCE_ARCHITECTURE, vocabSize }, train.map((actions) => ({ actions })), { epochs: 1, timeBudgetSeconds: seconds });
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return {
    architecture: '1x32 LSTM, one-hot input, no history inputs, no Markov prior (the PyTorch reference of BENCHMARKS.md §2)',
    seconds: Math.round(stats.seconds * 10) / 10,
    targets: stats.targets_trained,
    targets_per_second: Math.round(stats.targets_per_second),
    cpu_seconds: Math.round(cpuSeconds * 10) / 10,
    targets_per_cpu_second: Math.round(stats.targets_trained / Math.max(cpuSeconds, 1e-9)),
  };
}
