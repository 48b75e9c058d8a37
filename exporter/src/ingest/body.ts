import { decodeJsonText, type JsonBodyProblem } from '@shadowfleet/models/wire';
import type { RecordProblem } from './validate';

export type ParsedBody =
  | { readonly ok: true; readonly records: unknown[] }
  | { readonly ok: false; readonly message: string; readonly problems?: RecordProblem[]; readonly encoding?: Exclude<JsonBodyProblem, { code: 'unsupported_charset' }> };

const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines']);

/** The body format a Content-Type names: a JSON array, NDJSON (one JSON object per line), or neither. */
export function bodyFormat(contentType: string | undefined): 'json' | 'ndjson' | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (NDJSON_TYPES.has(type)) return 'ndjson';
  return undefined;
}

/**
 * Parses a decompressed body into records, strictly decoded first (UTF-8, no lone surrogates, nesting
 * depth: models/wire/strict-json.ts). NDJSON: blank lines are skipped; a bad line names its index and line.
 */
export function parseBody(body: Buffer, format: 'json' | 'ndjson'): ParsedBody {
  const decoded = decodeJsonText(body);
  if (!decoded.ok) return decoded.code === 'unsupported_charset' ? { ok: false, message: decoded.message } : { ok: false, message: decoded.message, encoding: decoded };
  const { text } = decoded;
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return { ok: false, message: `the body is not valid JSON: ${(err as Error).message}` };
    }
    if (!Array.isArray(value)) return { ok: false, message: 'a JSON body must be an array of records (or send NDJSON with Content-Type: application/x-ndjson)' };
    return { ok: true, records: value };
  }
  // Fast path: the whole body as one JSON array (one parse call); on any error, parse line by line to
  // name the bad line. Each newline becomes "newline, comma": a separator between lines, but still a
  // raw newline (invalid) inside a string that spans lines. Accepted only when it yields exactly one
  // record per line, so `{…},{…}` on one line is still an error, as NDJSON requires; blank lines
  // (empty elements) fail here and are skipped by the line-by-line parse.
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, records: [] };
  let lines = 1;
  for (let at = trimmed.indexOf('\n'); at >= 0; at = trimmed.indexOf('\n', at + 1)) lines++;
  try {
    const whole = JSON.parse(`[${trimmed.replaceAll('\n', '\n,')}]`) as unknown[];
    if (whole.length === lines) return { ok: true, records: whole };
  } catch {
    // fall through to the line-by-line parse for the error report
  }
  const records: unknown[] = [];
  const problems: RecordProblem[] = [];
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw === '') continue;
    try {
      records.push(JSON.parse(raw));
    } catch (err) {
      problems.push({ index: records.length, field: null, problem: `line ${line} is not valid JSON: ${(err as Error).message}` });
      records.push(undefined);
    }
  }
  if (problems.length > 0) return { ok: false, message: `${problems.length} NDJSON line(s) are not valid JSON; nothing was stored`, problems };
  return { ok: true, records };
}
