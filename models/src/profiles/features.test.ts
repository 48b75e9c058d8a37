import { aggregateEvents } from './aggregate';
import { buildFeatureSpace, featurize } from './features';
import { HAND_MADE_EVENTS } from './fixtures.test-helpers';

describe('feature vectors', () => {
  const aggs = aggregateEvents(HAND_MADE_EVENTS);
  const space = buildFeatureSpace(aggs, { topActions: 1, topBigrams: 1, topDataTypes: 1 });

  it('keeps the most frequent actions, bigrams and data types and names every position', () => {
    expect(space.actions).toEqual(['home']); // home 3 events, search 3 events → tie broken by name
    expect(space.bigrams).toEqual(['home → search']);
    expect(space.dataTypes).toEqual(['json']);
    expect(space.names.slice(10)).toEqual([
      'hour.night', 'hour.morning', 'hour.afternoon', 'hour.evening',
      'mix.home', 'mix.(other)', 'time.home', 'time.(other)',
      'next.home → search', 'next.repeat', 'data.json', 'data.(other)',
    ]);
  });

  it('computes exact values for a hand-made user', () => {
    const v = featurize(aggs[0], space);
    const f = Object.fromEntries(space.names.map((n, i) => [n, v[i]]));
    const angle = (h: number): number => (2 * Math.PI * h) / 24;
    const expected: Record<string, number> = {
      'activity.events_log': Math.log1p(5),
      'activity.sessions_log': Math.log1p(2),
      'activity.events_per_session_log': Math.log1p(2.5),
      'activity.session_minutes_log': Math.log1p(1_813_000 / 2 / 60_000),
      'activity.distinct_actions_log': Math.log1p(2),
      'errors.rate': 0.4,
      'data.bytes_per_event_log': Math.log1p(30),
      'data.distinct_types': 1,
      'hour.sin': (3 * Math.sin(0) + Math.sin(angle(5)) + Math.sin(angle(7))) / 5,
      'hour.cos': (3 * Math.cos(0) + Math.cos(angle(5)) + Math.cos(angle(7))) / 5,
      'hour.night': 0.8,
      'hour.morning': 0.2,
      'hour.afternoon': 0,
      'hour.evening': 0,
      'mix.home': 0.6,
      'mix.(other)': 0.4,
      'time.home': 1_810_000 / 1_813_000,
      'time.(other)': 3_000 / 1_813_000,
      'next.home → search': 2 / 3,
      'next.repeat': 0,
      'data.json': 1,
      'data.(other)': 0,
    };
    for (const [name, value] of Object.entries(expected)) expect([name, f[name]]).toEqual([name, expect.closeTo(value, 12)]);
  });

  it('gives zero shares, not NaN, to a user without time, transitions or data types', () => {
    const v = featurize(aggs[1], space);
    expect(v.every(Number.isFinite)).toBe(true);
    expect(v[space.names.indexOf('time.home')]).toBe(0);
    expect(v[space.names.indexOf('next.repeat')]).toBe(0);
  });

  it('rejects a bad option naming it', () => {
    expect(() => buildFeatureSpace(aggs, { topActions: -1, topBigrams: 1, topDataTypes: 1 })).toThrow('feature option topActions must be an integer >= 0, got -1');
  });
});
