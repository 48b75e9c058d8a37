import { availableParallelism } from 'node:os';
import { compiledWorker } from '../util/worker-thread';
import { Worker } from 'node:worker_threads';
import type { IncomingEvent } from '../store/types';
import { decodeBatch, type DecodeFailure, type DecodeResult } from './decode';
import { fromColumns, type EventColumns } from './event-columns';
import { toIncoming, wireEventSchema } from './wire-schema';

export interface DecodeRequest {
  readonly id: number;
  readonly body: Uint8Array;
  readonly format: 'json' | 'ndjson';
  readonly maxBatch: number;
}

export type DecodeReply =
  | { readonly id: number; readonly ok: true; readonly columns: EventColumns }
  | { readonly id: number; readonly ok: false; readonly failure: DecodeFailure }
  | { readonly id: number; readonly ok: false; readonly crash: string };

/** Bodies smaller than this are decoded inline: the hop to a worker would cost more than it saves. */
export const INLINE_BELOW_BYTES = 16 * 1024;

/**
 * Parse workers by default: one per core beyond two (the event loop's and one for DuckDB's commit
 * threads and the rest of the machine), at most four; none on a 2-core machine. Measured on 2 shared
 * cores, one worker moved ≈2 µs per event off the event loop but added ≈1.3 µs of messaging per event
 * and did not raise throughput (bench ingest), so there it stays off.
 */
export function defaultParseWorkers(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 2));
}

/** The compiled worker script (see compiledWorker). */
const workerScript = (): string => compiledWorker(__filename, 'parse-worker.js');

interface Slot {
  readonly worker: Worker;
  /** Batches sent to this worker; `undefined` answers "the worker is gone: decode it here". */
  readonly pending: Map<number, (reply: DecodeReply | undefined) => void>;
  answered: boolean;
}

/**
 * Decodes event batches (parse + validate, the CPU-heavy part of ingest) in worker threads, so the
 * event loop only receives columns, cuts sessions and appends. Each batch goes to the worker with the
 * fewest batches waiting. A worker that dies is replaced and the batches it held are decoded inline;
 * one that dies before answering anything (e.g. its script cannot load) turns the pool off, so every
 * batch is decoded inline from then on. With `size` 0 every batch is decoded inline.
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private inlineOnly: boolean;

  /** `script`: the worker's compiled file (tests swap it). */
  constructor(
    private readonly size: number,
    private readonly script = workerScript(),
  ) {
    if (!Number.isInteger(size) || size < 0) throw new Error(`parse workers must be an integer >= 0, got ${size}`);
    this.inlineOnly = size === 0;
  }

  /** True once batches are decoded on the calling thread only (size 0, closed, or workers failing). */
  get inline(): boolean {
    return this.inlineOnly;
  }

  async decodeEvents(body: Buffer, format: 'json' | 'ndjson', maxBatch: number): Promise<DecodeResult<IncomingEvent>> {
    const here = () => decodeBatch(body, format, wireEventSchema, toIncoming, maxBatch);
    if (this.inlineOnly || body.length < INLINE_BELOW_BYTES) return here();
    // A body that is a view into a larger buffer is copied, so only its own bytes cross to the worker.
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : Uint8Array.prototype.slice.call(body);
    const reply = await this.send({ id: this.nextId++, body: own, format, maxBatch });
    if (!reply) return here();
    if (reply.ok) return { ok: true, values: fromColumns(reply.columns) };
    if ('failure' in reply) return reply.failure;
    throw new Error(`the parse worker failed: ${reply.crash}`);
  }

  private send(job: DecodeRequest): Promise<DecodeReply | undefined> {
    if (this.slots.length < this.size) {
      try {
        this.slots.push(this.spawn());
      } catch {
        this.inlineOnly = true;
      }
    }
    if (this.slots.length === 0) return Promise.resolve(undefined);
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return new Promise((resolve) => {
      slot.pending.set(job.id, resolve);
      slot.worker.postMessage(job);
    });
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.script), pending: new Map(), answered: false };
    slot.worker.on('message', (reply: DecodeReply) => {
      slot.answered = true;
      const resolve = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      resolve?.(reply);
    });
    // 'error' is followed by 'exit'; the batches it held are decoded inline.
    slot.worker.on('error', () => undefined);
    slot.worker.once('exit', () => {
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1); // the next batch starts a new one
      if (!slot.answered) this.inlineOnly = true;
      for (const resolve of slot.pending.values()) resolve(undefined);
      slot.pending.clear();
    });
    return slot;
  }

  async close(): Promise<void> {
    this.inlineOnly = true;
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
