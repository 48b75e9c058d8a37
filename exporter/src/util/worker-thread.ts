import { compiledScript } from '@shadowfleet/service-kit';
import { Worker } from 'node:worker_threads';

/** The compiled worker script beside the caller (pass `__filename`): see compiledScript in service-kit. */
export const compiledWorker = compiledScript;

/** How a job settles the worker call it runs in. */
export interface WorkerJob<T> {
  resolve(value: T): void;
  reject(err: Error): void;
  /** True once the call resolved or rejected (stop sending). */
  readonly settled: boolean;
}

export interface WorkerCallOptions {
  /** Names the worker in errors ("trend" → "trend worker exited with code 1 before answering"). */
  readonly what: string;
  readonly workerData?: unknown;
  /** Terminates the worker and rejects after this long. */
  readonly timeoutMs?: number;
  /** Lets the process exit while the worker runs. */
  readonly unref?: boolean;
}

/**
 * One job in a fresh worker thread: `drive` posts the request and settles through `job` from the
 * worker's messages; an error or an exit before that rejects. The worker is terminated once settled.
 */
export function runInWorker<T>(file: string, options: WorkerCallOptions, drive: (worker: Worker, job: WorkerJob<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(file, options.workerData === undefined ? undefined : { workerData: options.workerData });
    if (options.unref) worker.unref();
    let done = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => finish(() => reject(new Error(`${options.what} took longer than ${options.timeoutMs! / 1000} s; worker stopped`))), options.timeoutMs);
    function finish(settle: () => void): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      settle();
      void worker.terminate();
    }
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`${options.what} worker exited with code ${code} before answering`))));
    drive(worker, {
      resolve: (value) => finish(() => resolve(value)),
      reject: (err) => finish(() => reject(err)),
      get settled() {
        return done;
      },
    });
  });
}
