import { mkdirSync, openSync, closeSync, fsyncSync, readFileSync, existsSync, truncateSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../util/logger';
import { compactRecords, rewriteLogFile } from './compact';
import { intentRecord, type IntentRecord } from './records';

interface Pending {
  readonly text: string;
  readonly durable: boolean;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

/**
 * Append-only JSON-lines log of intents. A durable `append` resolves only after the lines are on disk
 * (write + fdatasync); concurrent appends share one fsync (group commit), so a burst of deliveries
 * costs a few syncs, not one each. Non-durable appends (`finished` records, which reconciliation can
 * rebuild from the pool's state) are written at once and reach the disk with the next sync.
 * A torn last line (crash mid-write) is cut off on open.
 */
export class IntentLog {
  private queue: Pending[] = [];
  private flushing = false;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
  ) {}

  /** With `compact`, intents finished longer than `retentionMs` before `now` are dropped from the file first. */
  static async open(file: string, logger: Logger, compact?: { now: number; retentionMs: number }): Promise<{ log: IntentLog; records: IntentRecord[] }> {
    mkdirSync(path.dirname(file), { recursive: true });
    let records = existsSync(file) ? readRecords(file, logger) : [];
    if (compact && records.length > 0) {
      const kept = compactRecords(records, compact.now, compact.retentionMs);
      if (kept.length < records.length) {
        rewriteLogFile(file, kept);
        logger.info({ file, dropped: records.length - kept.length, kept: kept.length }, 'intent log compacted');
        records = kept;
      }
    }
    const created = !existsSync(file);
    const handle = await open(file, 'a');
    if (created) syncDirectory(path.dirname(file));
    return { log: new IntentLog(file, handle), records };
  }

  append(records: readonly IntentRecord[], durable = true): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error(`intent log ${this.file} is closed`));
    const text = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ text, durable, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.handle.write(batch.map((p) => p.text).join(''));
        if (batch.some((p) => p.durable)) await this.handle.datasync();
        for (const p of batch) p.resolve();
      } catch (err) {
        const error = new Error(`cannot write intent log ${this.file}: ${(err as Error).message}`);
        for (const p of batch) p.reject(error);
      }
    }
    this.flushing = false;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setImmediate(r));
    this.closed = true;
    await this.handle.close();
  }
}

function readRecords(file: string, logger: Logger): IntentRecord[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const records: IntentRecord[] = [];
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const isLast = i === lines.length - 1;
    if (line.trim() !== '') {
      const parsed = safeParse(line);
      if (parsed) records.push(parsed);
      else if (isLast || lines.slice(i + 1).every((l) => l.trim() === '')) {
        logger.warn({ file, offset }, 'intent log ends in a torn line; cutting it off');
        truncateSync(file, offset);
        break;
      } else {
        throw new Error(`intent log ${file} line ${i + 1} is not a valid intent record; fix or move the file aside`);
      }
    }
    offset += Buffer.byteLength(line) + 1;
  }
  return records;
}

function safeParse(line: string): IntentRecord | undefined {
  try {
    const result = intentRecord.safeParse(JSON.parse(line));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
