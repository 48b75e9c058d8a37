import { Fleet, simulate, strategyFor, type SimConfig } from '@shadowfleet/models';
import { fixedStrategy, LiveArm, perMinute } from './live-arm';

const config: SimConfig = { capacity: 10, coldStart: 3, shadowActivation: 1, shadowCost: 0.1 };
// Two hours of a wave with a burst: enough for every strategy to scale both ways.
const trace = Array.from({ length: 120 }, (_, m) => Math.round(40 + 30 * Math.sin(m / 10) + (m >= 70 && m < 80 ? 60 : 0)));

/**
 * Plays the trace minute by minute through a LiveArm, as the live loop does (begin on the pool as it is,
 * then end with what it had), on a pool whose hosts take exactly the simulator's lead times (the
 * simulator's fleet, starting where the arm's history left it).
 */
function playLive(arm: LiveArm, requests: readonly number[]): void {
  const pool = new Fleet(arm.warmTarget.hosts, config);
  pool.standby = arm.warmTarget.standby;
  for (const r of requests) {
    const t = arm.step;
    pool.advance(t);
    pool.apply(t, arm.begin(pool.snapshot()).actions);
    arm.end(r, { serving: pool.serving, standby: pool.standby, cost: pool.fullPriceHosts + config.shadowCost * pool.standby });
  }
}

describe('LiveArm (a strategy driving a live pool minute by minute)', () => {
  it.each(['hpa', 'tiered'])('decides like the simulator for %s when the hosts take the simulated lead times (warm part offline, rest live)', (name) => {
    const sim = simulate(trace, strategyFor(name), config, { timeline: true });
    const arm = new LiveArm('pool', strategyFor(name), config, trace.length);
    arm.warm(trace.slice(0, 30));
    playLive(arm, trace.slice(30));
    expect(arm.minutes).toHaveLength(90);
    expect(arm.minutes.map((m) => m.serving)).toEqual(sim.timeline!.slice(30).map((row) => row.serving));
    expect(arm.minutes.map((m) => m.standby)).toEqual(sim.timeline!.slice(30).map((row) => row.standby));
    const liveCost = arm.minutes.reduce((s, m) => s + m.cost, 0);
    const simCost = sim.timeline!.slice(30).reduce((s, row) => s + row.serving + row.booting + row.activating + config.shadowCost * row.standby, 0);
    expect(liveCost).toBeCloseTo(simCost, 9);
  });

  it('hands the pool to another strategy from the next minute on', () => {
    const arm = new LiveArm('pool', fixedStrategy(1), config, trace.length);
    arm.warm(trace.slice(0, 10));
    playLive(arm, trace.slice(10, 20));
    expect(arm.minutes.every((m) => m.serving === 1 && m.strategy === 'fixed-1')).toBe(true);
    arm.replaceStrategy(strategyFor('hpa'), 20);
    playLive(arm, trace.slice(20, 40));
    const after = arm.minutes.slice(10);
    expect(after.every((m) => m.strategy === 'hpa')).toBe(true);
    expect(Math.max(...after.map((m) => m.serving))).toBeGreaterThan(1); // hpa launches hosts for ≈ 40–70 requests
  });

  it('warms a strategy taking over on the pool\'s past minutes, so it decides as if it had run all along', () => {
    // tiered taking over at minute 60 after a fixed pool, warmed on all 60 minutes, then live for 60:
    // from the first live minute on it sizes the pool like a tiered run that started at minute 0.
    const arm = new LiveArm('pool', fixedStrategy(1), config, trace.length);
    arm.warm(trace.slice(0, 60));
    arm.replaceStrategy(strategyFor('tiered'), 60);
    playLive(arm, trace.slice(60));
    const alone = simulate(trace, strategyFor('tiered'), config, { timeline: true }).timeline!.slice(60);
    const servingGap = arm.minutes.map((m, i) => Math.abs(m.serving - alone[i].serving));
    expect(Math.max(...servingGap.slice(10))).toBeLessThanOrEqual(1); // after its cold starts caught up
    // Asked during a minute (as the live loop does), the hand-over takes effect at the next one.
    const during = new LiveArm('pool', fixedStrategy(1), config, trace.length);
    during.warm(trace.slice(0, 60));
    during.begin({ serving: 1, standby: 0, bootingReadyAt: [], shadowBootingReadyAt: [], activatingReadyAt: [] });
    during.replaceStrategy(strategyFor('hpa'), 60);
    during.end(trace[60], { serving: 1, standby: 0, cost: 1 });
    playLive(during, trace.slice(61, 63));
    expect(during.minutes.map((m) => m.strategy)).toEqual(['fixed-1', 'hpa', 'hpa']);
  });

  it('keeps a fixed pool at its size, and names misuse', () => {
    const arm = new LiveArm('pool', fixedStrategy(3), config, 50);
    arm.warm([5, 5, 5]);
    playLive(arm, Array(10).fill(100));
    expect(arm.minutes.slice(-5).map((m) => m.serving)).toEqual([3, 3, 3, 3, 3]);
    expect(() => fixedStrategy(0)).toThrow('fixed hosts must be a whole number ≥ 1, got 0');
    const pool = { serving: 3, standby: 0, bootingReadyAt: [], shadowBootingReadyAt: [], activatingReadyAt: [] };
    const none = { serving: 0, standby: 0, cost: 0 };
    expect(() => arm.end(1, none)).toThrow('end() without begin()');
    arm.begin(pool);
    expect(() => arm.begin(pool)).toThrow('has begun and not ended');
    expect(() => arm.end(-1, none)).toThrow('requests must be ≥ 0, got -1');
    expect(() => arm.warm([1])).toThrow('warm() after the live minutes began');
  });

  it('decides on the pool as its hosts report it: hosts still booting count toward the set-point, and are not launched again', () => {
    const arm = new LiveArm('pool', strategyFor('hpa'), config, 50);
    arm.warm([30, 30, 30]);
    // 3 hosts serve 30 a minute; demand jumps to 80: hpa asks for 8.
    arm.warm([80]);
    const empty = { serving: 3, standby: 0, bootingReadyAt: [], shadowBootingReadyAt: [], activatingReadyAt: [] };
    const cold = arm.begin(empty);
    expect(cold.hosts).toBe(8);
    expect(cold.actions.launch).toBe(5);
    arm.end(80, { serving: 3, standby: 0, cost: 8 });
    // The next minute the 5 are still booting (ready in 2 minutes): the set-point stays 8, nothing is launched.
    const t = arm.step;
    const booting = arm.begin({ ...empty, bootingReadyAt: [t + 2, t + 2, t + 2, t + 2, t + 2] });
    expect(booting.hosts).toBe(8);
    expect(booting.actions.launch ?? 0).toBe(0);
    arm.end(80, { serving: 3, standby: 0, cost: 8 });
    expect(arm.minutes.map((m) => [m.target, m.serving])).toEqual([[8, 3], [8, 3]]);
  });

  it('counts requests per minute of time-ordered events and takes a share', () => {
    expect(perMinute([0, 1_000, 59_999, 60_000, 185_000], 0.5)).toEqual([1.5, 0.5, 0, 0.5]);
    expect(perMinute([], 1)).toEqual([]);
  });
});
