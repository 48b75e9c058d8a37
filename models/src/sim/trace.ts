import { parse } from 'csv-parse/sync';

/** A per-minute request trace read from CSV: consecutive minutes, as the simulator treats them. */
export interface Trace {
  /** Requests per minute, one value per kept row. */
  readonly requests: number[];
  /** Unix seconds of each kept row (from the first column). */
  readonly timestamps: number[];
  /** Name of the column the requests came from. */
  readonly column: string;
  /** Rows dropped because their `status` column was not `ok`. */
  readonly skippedRows: number;
}

export interface ParseTraceOptions {
  /** Numeric column holding requests per minute (default `requests`). */
  readonly column?: string;
  /** Name used in error messages (a file name). */
  readonly source?: string;
}

/** Parses the first column of a trace row: ISO 8601 or Unix seconds. Returns Unix seconds. */
export function parseTimestamp(cell: string): number | undefined {
  const s = cell.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/**
 * Parses trace CSV text (BENCHMARKS.md section 1) with csv-parse: a header row; the first column is a
 * timestamp (ISO 8601 or Unix seconds); requests come from the column named `requests` (or
 * `options.column`); rows whose `status` column is present and not `ok` are skipped; blank rows are
 * passed over. Errors name the line.
 */
export function parseTraceCsv(text: string, options: ParseTraceOptions = {}): Trace {
  const source = options.source ?? 'trace';
  const column = options.column ?? 'requests';
  let rows: string[][];
  try {
    // each record starts with its line number (for the error messages), then its cells
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, on_record: (record: string[], { lines }) => [String(lines), ...record] });
  } catch (err) {
    throw new Error(`${source}: not CSV: ${(err as Error).message}`);
  }
  const header = (rows[0] ?? []).slice(1).map((h) => h.trim());
  const col = header.indexOf(column);
  if (col < 0) throw new Error(`${source}: no column named "${column}" (columns: ${header.join(', ')}); pass --column NAME`);
  if (col === 0) throw new Error(`${source}: column "${column}" is the timestamp column; the first column must be a timestamp`);
  const statusCol = header.indexOf('status');
  const requests: number[] = [];
  const timestamps: number[] = [];
  let skippedRows = 0;
  for (const [line, ...cells] of rows.slice(1)) {
    if (statusCol >= 0 && (cells[statusCol] ?? '').trim() !== 'ok') {
      skippedRows++;
      continue;
    }
    const ts = parseTimestamp(cells[0] ?? '');
    if (ts === undefined) throw new Error(`${source} line ${line}: "${cells[0]}" is not an ISO 8601 time or Unix seconds`);
    const cell = (cells[col] ?? '').trim();
    const value = Number(cell);
    if (cell === '' || !Number.isFinite(value) || value < 0) {
      throw new Error(`${source} line ${line}: ${column} must be a number ≥ 0, got "${cell}"`);
    }
    requests.push(value);
    timestamps.push(ts);
  }
  if (requests.length === 0) throw new Error(`${source}: no usable rows (a header and at least one row with status ok are needed)`);
  return { requests, timestamps, column, skippedRows };
}

/** Sums a per-second series into per-minute totals (a last partial minute is dropped). */
export function perSecondToPerMinute(perSecond: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let start = 0; start + 60 <= perSecond.length; start += 60) {
    let sum = 0;
    for (let i = start; i < start + 60; i++) sum += perSecond[i];
    out.push(sum);
  }
  return out;
}

/**
 * Reads any trace under data/ as it is: a CSV as in `parseTraceCsv`, or a per-second series of
 * whitespace-separated counts without a header (the `*_per_second.txt` files), summed into minutes with
 * timestamps counted from 0.
 */
export function parseTrace(text: string, options: ParseTraceOptions = {}): Trace {
  if (/^[\d\s]+$/.test(text.slice(0, 200)) && !text.startsWith('\n')) {
    const perSecond = text.trim().split(/\s+/).map(Number);
    const bad = perSecond.findIndex((v) => !Number.isFinite(v) || v < 0);
    if (bad >= 0) throw new Error(`${options.source ?? 'trace'}: value ${bad + 1} of the per-second series is not a count ≥ 0`);
    const requests = perSecondToPerMinute(perSecond);
    if (requests.length === 0) throw new Error(`${options.source ?? 'trace'}: fewer than 60 seconds of counts, no whole minute`);
    return { requests, timestamps: requests.map((_, i) => i * 60), column: 'per-second counts', skippedRows: 0 };
  }
  return parseTraceCsv(text, options);
}
