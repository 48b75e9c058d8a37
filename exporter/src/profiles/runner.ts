import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildProfiles, type BuildOptions, type BuildResult, type PreviousProfiles, type UserAggregate } from '@shadowfleet/models';

/** Runs one profile build; the exporter uses a worker thread so that the event loop stays free. */
export type RebuildRunner = (aggs: readonly UserAggregate[], options: BuildOptions, previous: PreviousProfiles | undefined) => Promise<BuildResult>;

/** In the calling thread: for the one-shot command line and for tests. */
export const inlineRunner: RebuildRunner = async (aggs, options, previous) => buildProfiles(aggs, options, previous);

export interface WorkerJob {
  readonly aggs: readonly UserAggregate[];
  readonly options: BuildOptions;
  readonly previous: PreviousProfiles | undefined;
}

export type WorkerReply = { readonly ok: true; readonly result: BuildResult } | { readonly ok: false; readonly error: string };

/**
 * The compiled worker script. Under ts-jest this module runs from src/, so it points at dist/ (built
 * by `tsc -b`, which `npm test` runs first).
 */
export function workerScript(): string {
  return __filename.endsWith('.ts')
    ? path.resolve(__dirname, '..', '..', 'dist', 'profiles', 'rebuild-worker.js')
    : path.join(__dirname, 'rebuild-worker.js');
}

/** In a fresh worker thread per build (K-Means on 100k users would block the loop for seconds). */
export const workerRunner: RebuildRunner = (aggs, options, previous) =>
  new Promise<BuildResult>((resolve, reject) => {
    const worker = new Worker(workerScript(), { workerData: { aggs, options, previous } satisfies WorkerJob });
    worker.unref();
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.error));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the profile rebuild worker exited with code ${code} before answering`));
    });
  });
