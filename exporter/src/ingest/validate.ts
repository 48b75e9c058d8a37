import type { z } from 'zod';
import { compileFastParse, FAIL, type FastParse } from './fast-parse';

/** One problem with one record of a batch. `field` is a dotted path, or null for the record as a whole. */
export interface RecordProblem {
  readonly index: number;
  readonly field: string | null;
  readonly problem: string;
}

/** At most this many problems are listed in a 400 answer (the count of bad records is always exact). */
export const MAX_LISTED_PROBLEMS = 1000;

export type BatchResult<T> =
  | { readonly ok: true; readonly values: T[] }
  | { readonly ok: false; readonly badRecords: number; readonly problems: RecordProblem[] };

/** Each schema's fast path (see ./fast-parse.ts), compiled on first use; null when zod must do it all. */
const fastPaths = new WeakMap<z.ZodType, FastParse<unknown> | null>();

function fastPathOf<S extends z.ZodType>(schema: S): FastParse<z.output<S>> | null {
  let fast = fastPaths.get(schema);
  if (fast === undefined) {
    fast = compileFastParse(schema) ?? null;
    fastPaths.set(schema, fast);
  }
  return fast as FastParse<z.output<S>> | null;
}

/**
 * Validates every record with one schema; a batch is good only if every record is. A record the
 * schema's fast path accepts gets the output zod would give; any other goes through zod itself, which
 * decides and names the problems.
 */
export function validateBatch<S extends z.ZodType, T>(
  records: readonly unknown[],
  schema: S,
  convert: (v: z.output<S>) => T,
): BatchResult<T> {
  const values = new Array<T>(records.length);
  const problems: RecordProblem[] = [];
  const fast = fastPathOf(schema);
  let badRecords = 0;
  for (let i = 0; i < records.length; i++) {
    if (fast) {
      const out = fast(records[i]);
      if (out !== FAIL) {
        if (badRecords === 0) values[i] = convert(out);
        continue;
      }
    }
    const r = schema.safeParse(records[i]);
    if (r.success) {
      if (badRecords === 0) values[i] = convert(r.data);
      continue;
    }
    badRecords++;
    for (const p of problemsOf(i, records[i], r.error.issues, MAX_LISTED_PROBLEMS - problems.length)) problems.push(p);
  }
  return badRecords === 0 ? { ok: true, values } : { ok: false, badRecords, problems };
}

/**
 * Validates records one by one, keeping the good ones: what a source that may drop single records
 * needs (OTLP's partial success, a log line). `problems[k]` lists why `dropped[k]` was dropped.
 */
export function validateEach<S extends z.ZodType, T>(
  records: readonly unknown[],
  schema: S,
  convert: (v: z.output<S>) => T,
): { readonly values: T[]; readonly dropped: Array<{ readonly index: number; readonly problems: RecordProblem[] }> } {
  const fast = fastPathOf(schema);
  const values: T[] = [];
  const dropped: Array<{ index: number; problems: RecordProblem[] }> = [];
  for (let i = 0; i < records.length; i++) {
    const out = fast ? fast(records[i]) : FAIL;
    if (out !== FAIL) {
      values.push(convert(out));
      continue;
    }
    const r = schema.safeParse(records[i]);
    if (r.success) {
      values.push(convert(r.data));
    } else {
      dropped.push({ index: i, problems: problemsOf(i, records[i], r.error.issues, MAX_LISTED_PROBLEMS) });
    }
  }
  return { values, dropped };
}

/** One record's zod issues as problems naming the field (at most `room` of them). */
function problemsOf(index: number, record: unknown, issues: readonly z.core.$ZodIssue[], room: number): RecordProblem[] {
  const out: RecordProblem[] = [];
  for (const issue of issues) {
    if (out.length >= room) break;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ index, field: [...issue.path, key].join('.'), problem: 'is not a known field' });
    } else if (issue.path.length === 0) {
      out.push({ index, field: null, problem: `must be an object, got ${describe(record)}` });
    } else {
      out.push({ index, field: issue.path.map(String).join('.'), problem: issue.message });
    }
  }
  return out;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}
