import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildProfiles, type BuildOptions, type BuildResult, type PreviousProfiles, type UserAggregate } from '@shadowfleet/models';

/**
 * Runs one profile build over users that arrive in chunks (the result's assignments follow their
 * order). The exporter uses a worker thread so that the event loop stays free.
 */
export type RebuildRunner = (users: AsyncIterable<readonly UserAggregate[]>, options: BuildOptions, previous: PreviousProfiles | undefined) => Promise<BuildResult>;

/** In the calling thread: for the one-shot command line and for tests. */
export const inlineRunner: RebuildRunner = async (users, options, previous) => {
  const all: UserAggregate[] = [];
  for await (const chunk of users) for (const u of chunk) all.push(u);
  return buildProfiles(all, options, previous);
};

/** Settings the worker starts with; the users follow in slices (see TRANSFER_SLICE). */
export interface WorkerJob {
  readonly options: BuildOptions;
  readonly previous: PreviousProfiles | undefined;
}

/** Messages to the worker: a slice of users, then `done`. */
export type WorkerMessage = { readonly users: readonly UserAggregate[] } | { readonly done: true };

export type WorkerReply = { readonly ok: true; readonly result: BuildResult } | { readonly ok: false; readonly error: string };

/**
 * Users per message to the worker. Copying 100,000 aggregates into a worker in one message blocks
 * the sending thread for a second or more; slices of this size, one per event-loop turn, keep each
 * block to milliseconds, and the exporter never holds every user's aggregate at once.
 */
export const TRANSFER_SLICE = 2_000;

/**
 * The compiled worker script. Under ts-jest this module runs from src/, so it points at dist/ (built
 * by `tsc -b`, which `npm test` runs first).
 */
export function workerScript(): string {
  return __filename.endsWith('.ts')
    ? path.resolve(__dirname, '..', '..', 'dist', 'profiles', 'rebuild-worker.js')
    : path.join(__dirname, 'rebuild-worker.js');
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** In a fresh worker thread per build (K-Means on 100k users would block the loop for seconds). */
export const workerRunner: RebuildRunner = (users, options, previous) =>
  new Promise<BuildResult>((resolve, reject) => {
    const worker = new Worker(workerScript(), { workerData: { options, previous } satisfies WorkerJob });
    worker.unref();
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      reject(err);
      void worker.terminate();
    };
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.error));
      void worker.terminate();
    });
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the profile rebuild worker exited with code ${code} before answering`)));
    void (async () => {
      try {
        for await (const chunk of users) {
          for (let i = 0; i < chunk.length && !settled; i += TRANSFER_SLICE) {
            worker.postMessage({ users: chunk.slice(i, i + TRANSFER_SLICE) } satisfies WorkerMessage);
            await nextTurn();
          }
          if (settled) return;
        }
        if (!settled) worker.postMessage({ done: true } satisfies WorkerMessage);
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
      }
    })();
  });
