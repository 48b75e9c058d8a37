import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { ComplexityUnit, LoadFilter, ServesField } from '@shadowfleet/models';

/** Which steps to aggregate: [fromMs + i·stepMs, fromMs + (i+1)·stepMs) for every i up to toMs (exclusive). */
export interface StepQuery {
  readonly fromMs: number;
  readonly toMs: number;
  readonly stepMs: number;
  readonly unit: ComplexityUnit;
  /** One pool's events (its `serves` selector, poolLoadFilter); absent: every event (the site's load). */
  readonly filter?: LoadFilter;
}

/** The events column of each field a pool can select by (fixed here: config strings never reach the SQL text). */
export const FIELD_COLUMN: Readonly<Record<ServesField, string>> = { action: 'action', data_type: 'data_type', backend: 'backend' };

/**
 * A pool's filter as a WHERE condition on parameter `$n` (its values, bound as a list: `filterParam`); an
 * absent field is in no list, so its event goes to the pool without `serves`.
 */
export function filterSql(f: LoadFilter, n: number): string {
  const inList = `coalesce(list_contains($${n}, ${FIELD_COLUMN[f.field]}), false)`;
  return f.exclude ? ` AND NOT ${inList}` : ` AND ${inList}`;
}

/** The filter's values as one bound parameter. */
export function filterParam(f: LoadFilter): DuckDBValue {
  if (f.values.length === 0) throw new RangeError('a pool filter needs at least one value (the pool model requires one)');
  return listValue([...f.values]);
}

/** The SQL expression of one event's load in each complexity unit (models/src/complexity/cost.ts). */
const UNIT_SQL: Readonly<Record<ComplexityUnit, string>> = {
  requests: 'count(*)',
  kib: 'coalesce(sum(bytes), 0) / 1024.0',
  cost: 'coalesce(sum(cost), 0)',
  ms: 'coalesce(sum(duration_ms), 0)',
};

/** One query: the load per step, grouped by DuckDB (events are never streamed through JavaScript). */
export function loadPerStepSql(q: StepQuery): { sql: string; params: DuckDBValue[] } {
  if (!(q.stepMs >= 1 && Number.isInteger(q.stepMs))) throw new RangeError(`stepMs must be a whole number ≥ 1, got ${q.stepMs}`);
  const params: DuckDBValue[] = [BigInt(Math.floor(q.fromMs)), BigInt(Math.floor(q.toMs)), BigInt(q.stepMs)];
  if (q.filter) params.push(filterParam(q.filter));
  return {
    sql: `SELECT (ts_ms - $1) // $3 AS step, (${UNIT_SQL[q.unit]})::DOUBLE AS load FROM events WHERE ts_ms >= $1 AND ts_ms < $2${q.filter ? filterSql(q.filter, 4) : ''} GROUP BY step ORDER BY step`,
    params,
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
