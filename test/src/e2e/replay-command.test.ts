import { replayBundledSlice, SLICE_MINUTES, type ReplayCliReport } from './replay-cli';

/** `shadowfleet replay` on the bundled slice (replay-cli.ts), the product's `tiered`: about a minute of wall time. */
jest.setTimeout(240_000);

const METRICS = ['tau_U', 'theta_U', 'unserved_pct', 'cost_host_minutes', 'oracle_cost_host_minutes', 'cost_ratio'];

describe('shadowfleet replay (real chain, bundled slice)', () => {
  let report: ReplayCliReport;

  beforeAll(async () => {
    report = await replayBundledSlice();
  });

  it('reports production, simulated and agreement with the metrics of BENCHMARKS.md section 1', () => {
    for (const side of [report.production, report.simulated]) for (const m of METRICS) expect(Number.isFinite(side[m])).toBe(true);
    expect(Object.keys(report.agreement).sort()).toEqual(['cost_ratio_difference', 'cost_relative', 'tau_U_points', 'theta_U_points', 'unserved_points', 'within_goal']);
    expect(report.production.minutes).toBe(SLICE_MINUTES);
    expect(report.production.http.served).toBeGreaterThan(0);
    expect(report.strategy).toBe('tiered');
  });

  it('moved real hosts: the manager decided every step and the pool HAProxy served from grew with the load', () => {
    expect(report.production.decisions).toBeGreaterThanOrEqual(SLICE_MINUTES);
    expect(report.production.serving.max).toBeGreaterThan(report.production.serving.min);
    expect(report.production.serving.last).toBeGreaterThan(report.production.serving.first);
  });

  it("set the pool up before the first minute from the rebuilt manager's decision for the step before the slice", () => {
    // Before round 8 the set-up could read the manager's decision from before the warm-up (1 host): docs/replay.md#the-set-up-before-the-first-minute.
    expect(report.setup.serving).toBeGreaterThan(1);
    expect(Math.abs(report.setup.serving - report.simulated.serving.first)).toBeLessThanOrEqual(1);
    expect(report.setup.posted_s_before_t0).toBeGreaterThan(0);
  });

  it('agrees in direction with the simulation of the same slice', () => {
    expect(Math.sign(report.simulated.serving.last - report.simulated.serving.first)).toBe(Math.sign(report.production.serving.last - report.production.serving.first));
    expect(Math.abs(report.production.serving.mean - report.simulated.serving.mean)).toBeLessThanOrEqual(0.3 * report.simulated.serving.mean);
  });
});
