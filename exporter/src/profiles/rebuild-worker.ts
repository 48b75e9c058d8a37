import { parentPort, workerData } from 'node:worker_threads';
import { buildProfiles, type UserAggregate } from '@shadowfleet/models';
import type { WorkerJob, WorkerMessage, WorkerReply } from './runner';

// Entry point of the rebuild worker thread (see runner.ts): users arrive in slices, then one build, one reply.
const job = workerData as WorkerJob;
const users: UserAggregate[] = [];
parentPort?.on('message', (msg: WorkerMessage) => {
  if ('users' in msg) {
    for (const u of msg.users) users.push(u);
    return;
  }
  let reply: WorkerReply;
  try {
    reply = { ok: true, result: buildProfiles(users, job.options, job.previous) };
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
  parentPort?.close();
});
