import { buildProfiles, type BuildOptions, type BuildResult, type PreviousProfiles, type UserAggregate } from '@shadowfleet/models';
import { compiledWorker, runInWorker } from '../util/worker-thread';

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

/** The compiled worker script (see compiledWorker). */
export const workerScript = (): string => compiledWorker(__filename, 'rebuild-worker.js');

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** In a fresh worker thread per build (K-Means on 100k users would block the loop for seconds). */
export const workerRunner: RebuildRunner = (users, options, previous) =>
  runInWorker<BuildResult>(workerScript(), { what: 'the profile rebuild', workerData: { options, previous } satisfies WorkerJob, unref: true }, (worker, job) => {
    worker.once('message', (reply: WorkerReply) => (reply.ok ? job.resolve(reply.result) : job.reject(new Error(reply.error))));
    void (async () => {
      try {
        for await (const chunk of users) {
          for (let i = 0; i < chunk.length && !job.settled; i += TRANSFER_SLICE) {
            worker.postMessage({ users: chunk.slice(i, i + TRANSFER_SLICE) } satisfies WorkerMessage);
            await nextTurn();
          }
          if (job.settled) return;
        }
        if (!job.settled) worker.postMessage({ done: true } satisfies WorkerMessage);
      } catch (err) {
        job.reject(err instanceof Error ? err : new Error(String(err)));
      }
    })();
  });
