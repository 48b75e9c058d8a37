import { simulate } from '../sim/simulate';
import { runStrategy } from '../sim/strategies';
import { tieredStrategy } from '../sim/strategies/tiered';
import type { SimConfig } from '../sim/types';
import { DEFAULT_POLICY, parsePolicy, policyLeaves, type Policy } from './schema';
import { policyStrategy } from './strategy';

const withPolicy = (patch: (p: Policy) => void): Policy => {
  const p = structuredClone(DEFAULT_POLICY) as Policy;
  patch(p);
  return p;
};

describe('policy schema', () => {
  it.each([
    ['utilisation of 0', (p: Policy) => (p.targets.utilisation = 0), 'targets.utilisation', 'must be > 0'],
    ['maxHosts below minHosts', (p: Policy) => ((p.bounds.minHosts = 5), (p.bounds.maxHosts = 2)), 'bounds.maxHosts', 'must be ≥ bounds.minHosts (5), got 2'],
    ['fractional cooldown', (p: Policy) => (p.cooldowns.scaleUpMinutes = 1.5), 'cooldowns.scaleUpMinutes', 'whole number'],
    ['priority above 10', (p: Policy) => (p.profilePriorities = { 'p-1': 11 }), 'profilePriorities.p-1', 'must be ≤ 10'],
    ['surge quantile below serving', (p: Policy) => (p.targets.surgeQuantile = 0.9), 'targets.surgeQuantile', 'must be ≥ targets.servingQuantile'],
  ])('rejects %s naming the field', (_name, patch, field, message) => {
    const r = parsePolicy(withPolicy(patch));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.stringContaining(message) })]));
  });

  it('rejects an unknown strategy and unknown keys', () => {
    const r = parsePolicy({ ...DEFAULT_POLICY, strategy: 'magic', extra: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['strategy', 'extra']));
  });
});

describe('policyStrategy bounds and cooldowns', () => {
  // A step from 100 to 2000 requests per minute: the tiered manager wants many more hosts.
  const requests = Array.from({ length: 240 }, (_, t) => (t < 60 ? 100 : 2000));
  const config: SimConfig = { capacity: 100, coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };
  const maxServing = (policy: Policy): number => {
    const r = simulate(requests, policyStrategy(policy), config, { timeline: true });
    return Math.max(...r.timeline!.map((row) => row.serving + row.booting + row.activating));
  };

  it('never exceeds bounds.maxHosts, which the unbounded strategy does', () => {
    const free = simulate(requests, tieredStrategy(), config, { timeline: true });
    expect(Math.max(...free.timeline!.map((r) => r.serving))).toBeGreaterThan(8);
    expect(maxServing(withPolicy((p) => (p.bounds.maxHosts = 8)))).toBeLessThanOrEqual(8);
  });
});


describe('the default policy is the benchmarked tiered strategy', () => {
  it('simulate --strategy tiered runs policyStrategy(DEFAULT_POLICY): the same hosts minute by minute', () => {
    const requests = Array.from({ length: 600 }, (_, t) => 200 + 150 * Math.sin(t / 40) + ((t * 37) % 50));
    const config: SimConfig = { capacity: 20, coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };
    const viaName = runStrategy('tiered', requests, config, { timeline: true });
    const viaPolicy = simulate(requests, policyStrategy(DEFAULT_POLICY), config, { timeline: true });
    expect(viaName.timeline).toEqual(viaPolicy.timeline);
    expect(viaName.strategy).toBe('tiered');
  });

  it('passes forecaster internals (the tuning audit\'s only extra) to tier 2; without them the code defaults act', () => {
    // A slow noisy ramp (no level shift): the trend share decides how far ahead of the level tier 2 forecasts.
    const ramp = Array.from({ length: 180 }, (_, t) => 100 + t + ((t * 37) % 21) - 10);
    const config: SimConfig = { capacity: 20, coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };
    const lastPoint = (options: Parameters<typeof policyStrategy>[1]): number => {
      let point = NaN;
      simulate(ramp, policyStrategy(DEFAULT_POLICY, { ...options, onDecision: (_t, d) => (point = d.tiers[1].forecast!.point) }), config);
      return point;
    };
    const none = lastPoint({});
    expect(lastPoint({ forecast: {} })).toBe(none);
    expect(lastPoint({ forecast: { trendWeight: 0 } })).toBeLessThan(none);
    expect(lastPoint({ forecast: { trendWeight: 1 } })).toBeGreaterThan(none);
  });

  it('lists every leaf by its dotted field name', () => {
    expect(policyLeaves(DEFAULT_POLICY)).toMatchObject({ strategy: 'tiered', 'targets.servingQuantile': 0.98, 'bounds.maxHosts': 200 });
  });
});
