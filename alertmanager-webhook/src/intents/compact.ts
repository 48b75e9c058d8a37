import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { foldRecords, type IntentRecord } from './records';

/**
 * Which records survive a compaction: every unfinished intent, every intent finished within the
 * retention, every applied firing intent whose resolution was never recorded (its alert may still be
 * redelivered, and must still count as a duplicate), and every intent a kept scale-back refers to.
 * Order is preserved.
 */
export function compactRecords(records: readonly IntentRecord[], now: number, retentionMs: number): IntentRecord[] {
  const intents = foldRecords(records);
  const keys = new Set([...intents.values()].map((i) => i.accepted.key));
  const unresolved = (key: string) => key.endsWith('|firing') && !keys.has(`${key.slice(0, -'|firing'.length)}|resolved`);
  const keep = new Set<string>();
  for (const [id, intent] of intents) {
    const { finished, accepted } = intent;
    if (!finished || now - finished.at <= retentionMs) keep.add(id);
    else if ((finished.outcome === 'applied' || finished.outcome === 'uncertain') && unresolved(accepted.key)) keep.add(id);
  }
  for (const id of [...keep]) {
    const undoes = intents.get(id)?.accepted.undoes;
    if (undoes !== undefined && intents.has(undoes)) keep.add(undoes);
  }
  return records.filter((r) => keep.has(r.id));
}

/** Replaces `file` atomically: write a temp file, fsync it, rename over, fsync the directory. */
export function rewriteLogFile(file: string, records: readonly IntentRecord[]): void {
  const tmp = `${file}.compact-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(path.dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
