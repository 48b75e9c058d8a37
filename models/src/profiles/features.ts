import { BIGRAM_SEPARATOR, DEFAULT_FEATURE_OPTIONS, type FeatureOptions, type FeatureSpace, type UserAggregate } from './types';

export const OTHER = '(other)';

/** Hour-of-day buckets used as features: [name, first hour, last hour + 1]. */
export const HOUR_BUCKETS: ReadonlyArray<readonly [string, number, number]> = [
  ['night', 0, 6],
  ['morning', 6, 12],
  ['afternoon', 12, 18],
  ['evening', 18, 24],
];

/** Scalar features first, in this order (each documented in the README's Profiles section). */
export const SCALAR_FEATURES = [
  'activity.events_log',
  'activity.sessions_log',
  'activity.events_per_session_log',
  'activity.session_minutes_log',
  'activity.distinct_actions_log',
  'errors.rate',
  'data.bytes_per_event_log',
  'data.distinct_types',
  'hour.sin',
  'hour.cos',
] as const;

function topKeys(aggs: readonly UserAggregate[], pick: (a: UserAggregate) => Readonly<Record<string, number>>, k: number): string[] {
  const totals = new Map<string, number>();
  for (const a of aggs) for (const [key, v] of Object.entries(pick(a))) totals.set(key, (totals.get(key) ?? 0) + v);
  return [...totals.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, k)
    .map(([key]) => key);
}

/** The vocabulary (most frequent actions, bigrams and data types over all users) and feature names. */
export function buildFeatureSpace(aggs: readonly UserAggregate[], options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): FeatureSpace {
  for (const key of ['topActions', 'topBigrams', 'topDataTypes'] as const) {
    const v = options[key];
    if (!Number.isInteger(v) || v < 0) throw new Error(`feature option ${key} must be an integer >= 0, got ${String(v)}`);
  }
  const actions = topKeys(aggs, (a) => a.actions, options.topActions);
  const bigrams = topKeys(aggs, (a) => a.bigrams, options.topBigrams);
  const dataTypes = topKeys(aggs, (a) => a.dataTypes, options.topDataTypes);
  const names = [
    ...SCALAR_FEATURES,
    ...HOUR_BUCKETS.map(([n]) => `hour.${n}`),
    ...actions.map((a) => `mix.${a}`),
    `mix.${OTHER}`,
    ...actions.map((a) => `time.${a}`),
    `time.${OTHER}`,
    ...bigrams.map((b) => `next.${b}`),
    'next.repeat',
    ...dataTypes.map((d) => `data.${d}`),
    `data.${OTHER}`,
  ];
  return { actions, bigrams, dataTypes, names };
}

function sum(rec: Readonly<Record<string, number>>): number {
  let s = 0;
  for (const v of Object.values(rec)) s += v;
  return s;
}

function shares(rec: Readonly<Record<string, number>>, keys: readonly string[], out: number[]): void {
  const total = sum(rec);
  let kept = 0;
  for (const key of keys) {
    const v = rec[key] ?? 0;
    kept += v;
    out.push(total > 0 ? v / total : 0);
  }
  out.push(total > 0 ? (total - kept) / total : 0);
}

/** One user's raw (unstandardised) feature vector, laid out as `space.names`. */
export function featurize(a: UserAggregate, space: FeatureSpace): number[] {
  const events = Math.max(a.events, 0);
  const sessions = Math.max(a.sessions, 1);
  const totalMs = sum(a.actionMs);
  const hourTotal = a.hours.reduce((s, v) => s + v, 0);
  let sin = 0;
  let cos = 0;
  a.hours.forEach((n, h) => {
    sin += n * Math.sin((2 * Math.PI * h) / 24);
    cos += n * Math.cos((2 * Math.PI * h) / 24);
  });
  const v: number[] = [
    Math.log1p(events),
    Math.log1p(a.sessions),
    Math.log1p(events / sessions),
    Math.log1p(totalMs / sessions / 60_000),
    Math.log1p(Object.keys(a.actions).length),
    events > 0 ? a.errors / events : 0,
    Math.log1p(events > 0 ? a.bytes / events : 0),
    Object.keys(a.dataTypes).length,
    hourTotal > 0 ? sin / hourTotal : 0,
    hourTotal > 0 ? cos / hourTotal : 0,
  ];
  for (const [, from, to] of HOUR_BUCKETS) {
    let n = 0;
    for (let h = from; h < to; h++) n += a.hours[h] ?? 0;
    v.push(hourTotal > 0 ? n / hourTotal : 0);
  }
  shares(a.actions, space.actions, v);
  shares(a.actionMs, space.actions, v);
  const transitions = sum(a.bigrams);
  for (const b of space.bigrams) v.push(transitions > 0 ? (a.bigrams[b] ?? 0) / transitions : 0);
  let repeats = 0;
  for (const [key, n] of Object.entries(a.bigrams)) {
    const [from, to] = key.split(BIGRAM_SEPARATOR);
    if (from === to) repeats += n;
  }
  v.push(transitions > 0 ? repeats / transitions : 0);
  shares(a.dataTypes, space.dataTypes, v);
  return v;
}
