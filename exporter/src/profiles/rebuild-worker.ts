import { parentPort, workerData } from 'node:worker_threads';
import { buildProfiles } from '@shadowfleet/models';
import type { WorkerJob, WorkerReply } from './runner';

// Entry point of the rebuild worker thread (see runner.ts): one build, one reply.
const job = workerData as WorkerJob;
let reply: WorkerReply;
try {
  reply = { ok: true, result: buildProfiles(job.aggs, job.options, job.previous) };
} catch (err) {
  reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
}
parentPort?.postMessage(reply);
