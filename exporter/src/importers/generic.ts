import { parse } from 'csv-parse';
import { toIncoming, wireEventSchema } from '../ingest/wire-schema';
import type { ImportFormat, ImportItem } from './types';
import { openMaybeGzip, readLines } from './lines';
import { issueLines } from '@shadowfleet/models';

/** One wire record → an event, or the reason it was skipped ("field: problem; …"). */
function wireItem(record: unknown, line: number): ImportItem {
  const r = wireEventSchema.safeParse(record);
  if (r.success) return { event: toIncoming(r.data) };
  return { skipped: issueLines(r.error, 'record').join('; '), line };
}

const NUMBER_FIELDS = new Set(['duration_ms', 'status', 'bytes', 'cost']);
const NUMERIC = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** CSV cells are text: empty → absent, numbers and booleans of the typed fields converted. */
function csvRecord(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === '') continue;
    if (NUMBER_FIELDS.has(k) && NUMERIC.test(v)) out[k] = Number(v);
    else if (k === 'timestamp' && NUMERIC.test(v)) out[k] = Number(v);
    else if (k === 'error' && /^(true|false|1|0)$/i.test(v)) out[k] = /^(true|1)$/i.test(v);
    else out[k] = v;
  }
  return out;
}

async function* readCsv(file: string): AsyncGenerator<ImportItem> {
  const rows = (await openMaybeGzip(file)).pipe(parse({ columns: (h: string[]) => h.map((c) => c.trim()), skip_empty_lines: true, trim: true }));
  let line = 1;
  for await (const row of rows as AsyncIterable<Record<string, string>>) yield wireItem(csvRecord(row), ++line);
}

async function* readNdjson(file: string): AsyncGenerator<ImportItem> {
  for await (const { text, line } of readLines(file)) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { skipped: `not valid JSON: ${(err as Error).message}`, line };
      continue;
    }
    yield wireItem(value, line);
  }
}

export const csvFormat: ImportFormat = {
  name: 'csv',
  description: 'CSV with a header naming the ingest API fields (user_id, timestamp, action, session_id, data_type, duration_ms, status, error, bytes, cost)',
  detect: (l) => /(^|,)\s*"?user_id"?\s*(,|$)/.test(l) && /(^|,)\s*"?timestamp"?\s*(,|$)/.test(l),
  read: readCsv,
};

export const ndjsonFormat: ImportFormat = {
  name: 'ndjson',
  description: 'NDJSON, one ingest API event object per line (the POST /v1/events wire format)',
  detect: (l) => l.trimStart().startsWith('{'),
  read: readNdjson,
};
