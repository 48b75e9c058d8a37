import { packSessions, transferList, type LstmArtifacts, type LstmConfig, type LstmSession, type TrainOptions, type TrainProgress, type TrainStats } from '@shadowfleet/models';
import { compiledWorker, runInWorker } from '../../util/worker-thread';
import type { TrainReply, TrainRequest } from './worker-protocol';

/** The compiled training worker (see compiledWorker). */
export const trainWorkerPath = (): string => compiledWorker(__filename, 'train-worker.js');

export interface WorkerTrainResult {
  readonly artifacts: LstmArtifacts;
  readonly stats: TrainStats;
}

export interface WorkerTrainOptions {
  readonly start?: LstmArtifacts;
  readonly modelVersion?: number;
  readonly onProgress?: (p: TrainProgress) => void;
  readonly workerPath?: string;
}

/** Trains an LSTM in a worker_thread; the calling thread stays free. Rejects with the worker's error. */
export function trainInWorker(
  config: Partial<LstmConfig> & { vocabSize: number },
  sessions: readonly LstmSession[],
  options: Partial<TrainOptions>,
  extra: WorkerTrainOptions = {},
): Promise<WorkerTrainResult> {
  const packed = packSessions(sessions);
  const request: TrainRequest = { type: 'train', config, options, sessions: packed, start: extra.start, modelVersion: extra.modelVersion ?? 1 };
  return runInWorker<WorkerTrainResult>(extra.workerPath ?? trainWorkerPath(), { what: 'LSTM training' }, (worker, job) => {
    worker.on('message', (reply: TrainReply) => {
      if (reply.type === 'progress') extra.onProgress?.(reply.progress);
      else if (reply.type === 'done') job.resolve({ artifacts: reply.artifacts, stats: reply.stats });
      else job.reject(new Error(`LSTM training failed: ${reply.message}`));
    });
    worker.postMessage(request, transferList(packed));
  });
}
