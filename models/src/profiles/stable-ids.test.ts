import { buildProfiles, DEFAULT_BUILD_OPTIONS } from './build';
import type { UserAggregate } from './types';
import { seededRandom } from '../random';
import { matchProfileIds } from './stable-ids';
import type { Scaler } from './types';

const unit: Scaler = { mean: [0, 0, 0], std: [1, 1, 1], active: [true, true, true] };
const space = { names: ['x', 'y', 'z'] };
const old = {
  space,
  nextId: 4,
  profiles: [
    { id: 'p1', centroid: [0, 0, 0] },
    { id: 'p2', centroid: [5, 0, 0] },
    { id: 'p3', centroid: [0, 5, 0] },
  ],
};

describe('stable profile ids', () => {
  it('keeps ids when the new centroids come in another order and moved a little', () => {
    const m = matchProfileIds([[0.1, 5.1, 0], [0.05, -0.1, 0.1], [4.9, 0.1, 0]], space, unit, old);
    expect(m.ids).toEqual(['p3', 'p1', 'p2']);
    expect(m.nextId).toBe(4);
  });

  it('gives a new id to a centroid far from every old one, and to extra centroids', () => {
    const m = matchProfileIds([[0, 0, 0], [5, 0, 0], [0, 0, 9], [0, 5, 0]], space, unit, old);
    expect(m.ids).toEqual(['p1', 'p2', 'p4', 'p3']);
    expect(m.nextId).toBe(5);
  });

  it('matches by feature name when the vocabulary changed', () => {
    const renamed = { names: ['z', 'y', 'x'] };
    const m = matchProfileIds([[0, 0, 5]], renamed, unit, old);
    expect(m.ids).toEqual(['p2']);
  });

  it('leaves the active-hours features out of the clustering when asked', () => {
    const users: UserAggregate[] = Array.from({ length: 40 }, (_, i) => {
      const hours = new Array<number>(24).fill(0);
      hours[i % 24] = 3;
      return { userId: `u${i}`, events: 3, sessions: 1, errors: 0, bytes: 0, actions: { a: 3 - (i % 2), b: i % 2 }, actionMs: {}, dataTypes: {}, bigrams: {}, hours };
    });
    const opts = { ...DEFAULT_BUILD_OPTIONS, kSelection: { ...DEFAULT_BUILD_OPTIONS.kSelection, kMax: 4 } };
    const withHours = buildProfiles(users, opts).model;
    const without = buildProfiles(users, { ...opts, features: { ...opts.features, useHours: false } }).model;
    const activeHours = (m: typeof withHours): string[] => m.space.names.filter((n, j) => n.startsWith('hour.') && m.scaler.active[j]);
    expect(activeHours(withHours).length).toBeGreaterThan(0);
    expect(activeHours(without)).toEqual([]);
    expect(without.k).toBe(2);
  });

  it('numbers from p1 without a previous model', () => {
    expect(matchProfileIds([[0], [1]], { names: ['x'] }, { mean: [0], std: [1], active: [true] }, undefined).ids).toEqual(['p1', 'p2']);
  });

  it('keeps ids across a full rebuild where one kind of user left and a new kind came', () => {
    const random = seededRandom(5);
    const kinds: Record<string, Record<string, number>> = {
      searchers: { search: 8, home: 1 },
      shoppers: { checkout: 5, cart: 5 },
      skimmers: { home: 2 },
      uploaders: { upload: 6, home: 1 },
    };
    const users = (mix: string[]): UserAggregate[] =>
      Array.from({ length: 300 }, (_, i) => {
        const scale = 1 + 0.1 * (random() - 0.5);
        const actions = Object.fromEntries(Object.entries(kinds[mix[i % mix.length]]).map(([a, n]) => [a, Math.max(1, Math.round(n * scale))]));
        const events = Object.values(actions).reduce((s, n) => s + n, 0);
        return { userId: `u${i}`, events, sessions: 1, errors: 0, bytes: 0, actions, actionMs: {}, dataTypes: {}, bigrams: {}, hours: new Array<number>(24).fill(0) };
      });
    const opts = { ...DEFAULT_BUILD_OPTIONS, kSelection: { ...DEFAULT_BUILD_OPTIONS.kSelection, kMax: 6 } };
    const first = buildProfiles(users(['searchers', 'shoppers', 'skimmers']), opts);
    const idOf = (r: typeof first, kindIndex: number): string => r.assignments[kindIndex];
    const before = { searchers: idOf(first, 0), shoppers: idOf(first, 1), skimmers: idOf(first, 2) };
    expect(new Set(Object.values(before)).size).toBe(3);

    const secondUsers = users(['uploaders', 'skimmers', 'searchers']);
    const second = buildProfiles(secondUsers, opts, first.model);
    expect(idOf(second, 1)).toBe(before.skimmers);
    expect(idOf(second, 2)).toBe(before.searchers);
    expect(Object.values(before)).not.toContain(idOf(second, 0));
    expect(idOf(second, 0)).toBe(`p${first.model.nextId}`);
    // Without the previous model the same build numbers from p1, so the test above can fail.
    const fresh = buildProfiles(secondUsers, opts);
    expect([idOf(fresh, 0), idOf(fresh, 1), idOf(fresh, 2)]).not.toEqual([idOf(second, 0), idOf(second, 1), idOf(second, 2)]);
  });
});
