import { parentPort } from 'node:worker_threads';
import { decodeBatch } from './decode';
import { toColumns } from './event-columns';
import type { DecodeReply, DecodeRequest } from './parse-pool';
import { toIncoming, wireEventSchema } from './wire-schema';

/** A parse worker: decodes event batches (parse, count, validate) and answers with columns or the refusal. */
const port = parentPort;
if (!port) throw new Error('parse-worker.js runs as a worker thread of the exporter');

port.on('message', (job: DecodeRequest) => {
  let reply: DecodeReply;
  try {
    const result = decodeBatch(job.body, job.format, wireEventSchema, toIncoming, job.maxBatch);
    reply = result.ok ? { id: job.id, ok: true, columns: toColumns(result.values) } : { id: job.id, ok: false, failure: result };
  } catch (err) {
    reply = { id: job.id, ok: false, crash: err instanceof Error ? err.message : String(err) };
  }
  const transfer = reply.ok ? [reply.columns.numbers.buffer, reply.columns.error.buffer] : [];
  port.postMessage(reply, transfer);
});
