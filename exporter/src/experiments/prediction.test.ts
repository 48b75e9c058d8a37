import { Fleet, strategyFor, type SimConfig, type Strategy } from '@shadowfleet/models';
import { fixedStrategy, LiveArm } from './live-arm';
import { predictArm } from './prediction';

const config: SimConfig = { capacity: 10, coldStart: 3, shadowActivation: 1, shadowCost: 0.1 };
const trace = Array.from({ length: 90 }, (_, m) => Math.round(40 + 30 * Math.sin(m / 10) + (m >= 60 && m < 70 ? 60 : 0)));

describe('predictArm (the simulator on the minutes a live arm ran)', () => {
  it('predicts a live arm whose hosts take exactly the simulated lead times', () => {
    const arm = new LiveArm('pool', strategyFor('tiered'), config, trace.length);
    arm.warm(trace.slice(0, 30));
    const pool = new Fleet(arm.warmTarget.hosts, config);
    pool.standby = arm.warmTarget.standby;
    for (const r of trace.slice(30)) {
      pool.advance(arm.step);
      pool.apply(arm.step, arm.begin(pool.snapshot()).actions);
      arm.end(r, { serving: pool.serving, standby: pool.standby, cost: pool.fullPriceHosts + config.shadowCost * pool.standby });
    }
    const p = predictArm(trace.slice(0, 30), trace.slice(30), strategyFor('tiered'), config);
    expect(p.minutes).toBe(60);
    expect(p.cost).toBeCloseTo(arm.minutes.reduce((s, m) => s + m.cost, 0), 9);
    expect(p.meanServing).toBeCloseTo(arm.minutes.reduce((s, m) => s + m.serving, 0) / 60, 9);
  });

  it('counts the requests above the serving hosts\' capacity as unserved', () => {
    // One host of 10 a minute: 25 requests leave 15 unserved, 5 leave none.
    const p = predictArm([10], [25, 5, 25, 5], fixedStrategy(1), config);
    expect(p.unservedPct).toBeCloseTo((100 * 30) / 60, 9);
    expect(p.underProvisionedPct).toBe(50);
    expect(p.costPer100Requests).toBeCloseTo((100 * 4) / 60, 9);
    expect(predictArm([10], [], fixedStrategy(1), config).minutes).toBe(0);
  });

  it('predicts with the actuation delay: hosts that land late miss their minute', () => {
    // Two cold hosts launched at minute 1 serve from minute 4 at once (Lc 3); 0.75 step late they serve a quarter of minute 4.
    const launchTwo: Strategy = { name: 'launch-two', decide: (ctx) => (ctx.t === 1 ? { launch: 2 } : {}) };
    const live = [10, 10, 10, 30, 30, 30, 30];
    const atOnce = predictArm([10], live, launchTwo, config);
    const late = predictArm([10], live, launchTwo, { ...config, actuationDelay: 0.75 });
    expect(atOnce.underProvisionedPct).toBe(0);
    expect(late.underProvisionedPct).toBeCloseTo(100 / 7, 9);
    expect(late.unservedPct).toBeGreaterThan(0);
    // The launch itself lands late too: both hosts are paid from minute 1.75, 2 × 0.75 host-minutes less.
    expect(late.cost).toBeCloseTo(atOnce.cost - 1.5, 9);
  });
});
