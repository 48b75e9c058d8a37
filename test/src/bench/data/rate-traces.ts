/**
 * The three request-rate traces of ../shared/data the autoscaling benches run on (BENCHMARKS.md §1), in
 * one place: every suite that simulates, tunes or replays them takes their paths, formats and per-trace
 * settings from here (`simulate`, `adaptive`, `trend`, `tuning-audit`, `replay`, `replay-heldout`).
 */
export type RateTraceName = 'nasa' | 'worldcup98' | 'twitter';

/** Where `npm run bench -- replay` starts its 6 hours: a clock time, or hours into the trace (Twitter has no clock times). */
export type ReplaySlice = { readonly from: string } | { readonly offsetHours: string };

export interface RateTrace {
  /** The trace's key in every bench result. */
  readonly name: RateTraceName;
  /** Path under ../shared/data. */
  readonly file: string;
  /**
   * What the file holds: `minute-csv`, a CSV of requests per minute with a timestamp and a status per row
   * (readTraceFile keeps the `ok` rows); `second-counts`, one count per second without clock times, which
   * readTraceFile sums into minutes.
   */
  readonly format: 'minute-csv' | 'second-counts';
  /**
   * The replay bench's slice, fixed before any run. NASA: the afternoon of 13 July 1995 (the STS-70 launch
   * day). World Cup 98: 30 June 1998 12:00–18:00 UTC (a flash crowd from 14:00). Twitter, by a rule: the
   * first whole hour of its held-out second half (the tuning audit's split, minute 15,825) at least an hour
   * after the stream's daily 28-minute gap of zero records ends (15,812–15,839), so that the slice neither
   * holds the gap nor starts by scaling up from zero: hour 265 (minute 15,900).
   */
  readonly replaySlice: ReplaySlice;
}

export const RATE_TRACES: readonly RateTrace[] = [
  { name: 'nasa', file: 'nasa-http-rate/nasa_1995_requests_per_minute.csv.gz', format: 'minute-csv', replaySlice: { from: '1995-07-13T12:00:00Z' } },
  { name: 'worldcup98', file: 'worldcup98-rate/worldcup98_requests_per_minute.csv.gz', format: 'minute-csv', replaySlice: { from: '1998-06-30T12:00:00Z' } },
  { name: 'twitter', file: 'twitter-stream-2021-08-rate/twitter_stream_2021_08_events_per_second.txt.gz', format: 'second-counts', replaySlice: { offsetHours: '265' } },
];

/** The named traces, in the order asked for. */
export function rateTraces(...names: readonly RateTraceName[]): RateTrace[] {
  return names.map((n) => {
    const t = RATE_TRACES.find((r) => r.name === n);
    if (!t) throw new RangeError(`no rate trace named "${n}"; known: ${RATE_TRACES.map((r) => r.name).join(', ')}`);
    return t;
  });
}
