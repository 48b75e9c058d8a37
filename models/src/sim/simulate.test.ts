import { simulate } from './simulate';
import type { FleetActions, SimConfig, Strategy } from './types';

const config = (over: Partial<SimConfig> = {}): SimConfig => ({ capacity: 10, coldStart: 2, shadowActivation: 1, shadowCost: 0.1, ...over });

/** A strategy that plays fixed actions at given minutes. */
function scripted(actions: Record<number, FleetActions>): Strategy {
  return { name: 'scripted', decide: (ctx) => actions[ctx.t] ?? {} };
}

describe('simulate (semantics version 1)', () => {
  it('starts with d_0 serving hosts and no standby', () => {
    const res = simulate([35, 10], scripted({}), config(), { timeline: true });
    expect(res.timeline?.[0]).toEqual({ minute: 0, requests: 35, demand: 4, serving: 4, booting: 0, standby: 0, activating: 0, cost: 4 });
  });

  it('a cold host launched at t serves from t + Lc and costs 1 per minute from launch', () => {
    const res = simulate([10, 10, 10, 10, 10], scripted({ 1: { launch: 2 } }), config({ coldStart: 2 }), { timeline: true });
    expect(res.timeline?.map((r) => [r.serving, r.booting])).toEqual([[1, 0], [1, 2], [1, 2], [3, 0], [3, 0]]);
    expect(res.metrics.cost_host_minutes).toBe(1 + 3 + 3 + 3 + 3);
  });

  it('cancelling a booting host or removing a serving host takes effect at once', () => {
    const res = simulate([20, 20, 20, 20], scripted({ 1: { launch: 1 }, 2: { cancelBooting: 1, removeServing: 1 } }), config(), { timeline: true });
    expect(res.timeline?.map((r) => [r.serving, r.booting])).toEqual([[2, 0], [2, 1], [1, 0], [1, 0]]);
    expect(res.metrics.cost_host_minutes).toBe(2 + 3 + 1 + 1);
  });

  it('a shadow host boots Lc minutes at full cost, waits in standby at ks, serves Ls after activation', () => {
    const actions = { 1: { launchShadow: 1 }, 4: { activate: 1 } };
    const res = simulate(new Array(7).fill(10), scripted(actions), config({ coldStart: 2, shadowActivation: 1, shadowCost: 0.1 }), { timeline: true });
    // minute:            0       1       2       3         4            5       6
    expect(res.timeline?.map((r) => [r.serving, r.booting, r.standby, r.activating])).toEqual([
      [1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 0, 0], [1, 0, 1, 0], [1, 0, 0, 1], [2, 0, 0, 0], [2, 0, 0, 0],
    ]);
    expect(res.metrics.cost_host_minutes).toBeCloseTo(1 + 2 + 2 + 1.1 + 2 + 2 + 2, 10);
  });

  it('a serving host returns to standby at once and costs ks from that minute', () => {
    const res = simulate([20, 20, 20], scripted({ 1: { toStandby: 1 } }), config({ shadowCost: 0.25 }), { timeline: true });
    expect(res.timeline?.map((r) => [r.serving, r.standby])).toEqual([[2, 0], [1, 1], [1, 1]]);
    expect(res.metrics.cost_host_minutes).toBeCloseTo(2 + 1.25 + 1.25, 10);
  });

  it('zero activation time serves in the same minute', () => {
    const res = simulate([10, 10, 10, 10, 10], scripted({ 1: { launchShadow: 1 }, 3: { activate: 1 } }), config({ coldStart: 2, shadowActivation: 0 }), { timeline: true });
    expect(res.timeline?.[3].serving).toBe(2);
  });

  it('never lets a strategy read r_t or later', () => {
    const peeker: Strategy = { name: 'peeker', decide: (ctx) => ({ launch: ctx.history.at(ctx.t) > 0 ? 1 : 0 }) };
    expect(() => simulate([1, 2, 3], peeker, config())).toThrow(/minute 1 is not observed yet/);
    const slicer: Strategy = { name: 'slicer', decide: (ctx) => ({ launch: ctx.history.slice(0, ctx.t + 1).length }) };
    expect(() => simulate([1, 2, 3], slicer, config())).toThrow(/beyond the observed minutes/);
  });

  it('shows the strategy exactly r_0 … r_{t-1}', () => {
    const seen: number[][] = [];
    simulate([5, 6, 7], { name: 'spy', decide: (ctx) => (seen.push(ctx.history.slice()), {}) }, config());
    expect(seen).toEqual([[5], [5, 6]]);
  });

  it('rejects impossible actions and bad settings with the field named', () => {
    expect(() => simulate([10, 10], scripted({ 1: { removeServing: 2 } }), config())).toThrow('removeServing asks for 2 hosts but only 1 are available');
    expect(() => simulate([10, 10], scripted({ 1: { launch: -1 } }), config())).toThrow('launch must be a non-negative integer, got -1');
    expect(() => simulate([10], scripted({}), config({ capacity: -3 }))).toThrow('capacity must be > 0, got -3');
    expect(() => simulate([10], scripted({}), config({ coldStart: 1.5 }))).toThrow(/cold start must be a whole number/);
    expect(() => simulate([], scripted({}), config())).toThrow(/no minutes/);
  });
});
