import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LstmConfig } from './config';
import { packSessions, transferList } from './packing';
import type { LstmArtifacts } from './serialize';
import type { TrainOptions, TrainProgress, TrainStats } from './train';
import type { LstmSession } from './windows';
import type { TrainReply, TrainRequest } from './worker-protocol';

/**
 * Path of the compiled worker script. The worker always runs compiled JavaScript: from dist/ this is
 * the file beside this one; from TypeScript sources (jest runs src/ through ts-jest) it is the same
 * path under dist/, so tests need `tsc -b` first (`npm test` does that).
 */
export function trainWorkerPath(): string {
  const here = __filename.endsWith('.ts') ? __dirname.replace(`${path.sep}src${path.sep}`, `${path.sep}dist${path.sep}`) : __dirname;
  return path.join(here, 'train-worker.js');
}

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
  const worker = new Worker(extra.workerPath ?? trainWorkerPath());
  return new Promise<WorkerTrainResult>((resolve, reject) => {
    let settled = false;
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on('message', (reply: TrainReply) => {
      if (reply.type === 'progress') extra.onProgress?.(reply.progress);
      else if (reply.type === 'done') finish(() => resolve({ artifacts: reply.artifacts, stats: reply.stats }));
      else finish(() => reject(new Error(`LSTM training failed: ${reply.message}`)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`LSTM training worker exited with code ${code} before finishing`))));
    worker.postMessage(request, transferList(packed));
  });
}
