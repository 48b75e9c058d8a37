import type { ComplexityUnit } from '@shadowfleet/models';

/** Which steps to aggregate: [fromMs + i·stepMs, fromMs + (i+1)·stepMs) for every i up to toMs (exclusive). */
export interface StepQuery {
  readonly fromMs: number;
  readonly toMs: number;
  readonly stepMs: number;
  readonly unit: ComplexityUnit;
}

/** The SQL expression of one event's load in each complexity unit (models/src/complexity/cost.ts). */
const UNIT_SQL: Readonly<Record<ComplexityUnit, string>> = {
  requests: 'count(*)',
  kib: 'coalesce(sum(bytes), 0) / 1024.0',
  cost: 'coalesce(sum(cost), 0)',
  ms: 'coalesce(sum(duration_ms), 0)',
};

/** One query: the load per step, grouped by DuckDB (events are never streamed through JavaScript). */
export function loadPerStepSql(q: StepQuery): { sql: string; params: [bigint, bigint, bigint] } {
  if (!(q.stepMs >= 1 && Number.isInteger(q.stepMs))) throw new RangeError(`stepMs must be a whole number ≥ 1, got ${q.stepMs}`);
  return {
    sql: `SELECT (ts_ms - $1) // $3 AS step, (${UNIT_SQL[q.unit]})::DOUBLE AS load FROM events WHERE ts_ms >= $1 AND ts_ms < $2 GROUP BY step ORDER BY step`,
    params: [BigInt(Math.floor(q.fromMs)), BigInt(Math.floor(q.toMs)), BigInt(q.stepMs)],
  };
}

/** Turns the grouped rows into a dense series (steps without events are 0). */
export function denseSteps(q: StepQuery, rows: ReadonlyArray<Record<string, unknown>>): number[] {
  const n = Math.max(0, Math.ceil((q.toMs - q.fromMs) / q.stepMs));
  const out = new Array<number>(n).fill(0);
  for (const r of rows) {
    const i = Number(r.step);
    if (i >= 0 && i < n) out[i] = Number(r.load);
  }
  return out;
}
