import { replayBundledSlice, SLICE_MINUTES, type ReplayCliReport } from './replay-cli';

/**
 * `shadowfleet replay --strategy predictive` on the bundled slice (replay-cli.ts, about a minute): the
 * baseline's targets travel the product's path — the exporter's manager decides with it, the shipped
 * rules and Alertmanager carry `shadowfleet_desired_serving_hosts` to the webhook as set_hosts, and the
 * webhook changes HAProxy. Nothing else posts to the webhook in a replay.
 */
jest.setTimeout(240_000);

describe('shadowfleet replay --strategy predictive (real chain, bundled slice)', () => {
  let report: ReplayCliReport;

  beforeAll(async () => {
    report = await replayBundledSlice(['--strategy', 'predictive'], 1);
  });

  it("the exporter's manager decided every step with predictive", () => {
    expect(report.strategy).toBe('predictive');
    expect(report.production.decided_by).toEqual(['predictive']);
    expect(report.production.decisions).toBeGreaterThanOrEqual(SLICE_MINUTES);
  });

  it('its targets reached the webhook as set_hosts, which scaled the HAProxy pool', () => {
    expect(report.production.webhook_set_hosts.applied).toBeGreaterThanOrEqual(1);
    expect(report.production.webhook_set_hosts.failed ?? 0).toBe(0);
    expect(report.production.serving.max).toBeGreaterThan(report.production.serving.min);
    // predictive keeps no standby pool: every host it adds is a cold start.
    expect(report.production.host_starts.cold).toBeGreaterThanOrEqual(1);
    expect(report.production.host_starts.warm).toBe(0);
  });

  it('the simulated side ran the same strategy on the same slice', () => {
    expect(Math.sign(report.simulated.serving.last - report.simulated.serving.first)).toBe(Math.sign(report.production.serving.last - report.production.serving.first));
    expect(Math.abs(report.production.serving.mean - report.simulated.serving.mean)).toBeLessThanOrEqual(0.3 * report.simulated.serving.mean);
  });
});
