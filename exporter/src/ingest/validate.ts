import type { z } from 'zod';

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

/** Validates every record with one schema; a batch is good only if every record is. */
export function validateBatch<S extends z.ZodType, T>(
  records: readonly unknown[],
  schema: S,
  convert: (v: z.output<S>) => T,
): BatchResult<T> {
  const values = new Array<T>(records.length);
  const problems: RecordProblem[] = [];
  let badRecords = 0;
  for (let i = 0; i < records.length; i++) {
    const r = schema.safeParse(records[i]);
    if (r.success) {
      if (badRecords === 0) values[i] = convert(r.data);
      continue;
    }
    badRecords++;
    for (const issue of r.error.issues) {
      if (problems.length >= MAX_LISTED_PROBLEMS) break;
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.push({ index: i, field: [...issue.path, key].join('.'), problem: 'is not a known field' });
      } else if (issue.path.length === 0) {
        problems.push({ index: i, field: null, problem: `must be an object, got ${describe(records[i])}` });
      } else {
        problems.push({ index: i, field: issue.path.map(String).join('.'), problem: issue.message });
      }
    }
  }
  return badRecords === 0 ? { ok: true, values } : { ok: false, badRecords, problems };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}
