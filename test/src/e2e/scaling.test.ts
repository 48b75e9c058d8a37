import { BASE_SERVERS, SHADOW_SERVERS, runScalingScenario, type ScenarioResult } from './scenario';

/**
 * The whole path, real parts only (see scenario.ts): forecast over capacity → alert → Alertmanager →
 * webhook → HAProxy → a shadow server serves traffic; the forecast falls → the shadows go back.
 * Timings are measured by the `e2e` benchmark; here only behaviour is asserted.
 */
// Usually about a minute; the worst case is bounded by the steps' deadlines (180 s each, dozens of 5-second
// forecast refreshes), so that a loaded machine does not fail the run.
jest.setTimeout(900_000);

const shadowRequests = (served: Record<string, number>): number => SHADOW_SERVERS.reduce((n, s) => n + (served[s] ?? 0), 0);

describe('end to end: forecast → Prometheus → Alertmanager → webhook → HAProxy', () => {
  let result: ScenarioResult;

  beforeAll(async () => {
    result = await runScalingScenario();
    process.stderr.write(`e2e scenario: ${JSON.stringify(result)}\n`);
  });

  it('serves only from the always-on server before the load comes', () => {
    expect(Object.keys(result.baselineServed)).toEqual([...BASE_SERVERS]);
  });

  it('fires the activation only after the forecast crossed the threshold, and after the activation window', () => {
    const a = result.activation;
    expect(a.loadAtCrossing).toBeGreaterThan(result.capacity.serving);
    expect(a.firingAt).toBeGreaterThan(a.crossedAt);
    expect(a.haproxyReadyAt).toBeGreaterThanOrEqual(a.firingAt);
    expect(a.firstServedAt).toBeGreaterThanOrEqual(a.webhookReadyAt);
  });

  it('turns shadow servers ready and sends client requests to them', () => {
    expect(SHADOW_SERVERS).toContain(result.activation.firstServedBy);
    expect(shadowRequests(result.servedWhileActive)).toBeGreaterThan(0);
    expect(result.servedWhileActive[BASE_SERVERS[0]]).toBeGreaterThan(0);
  });

  it('scales back once the replay stops and the forecast falls: shadows in maintenance, no traffic on them', () => {
    expect(result.scaleBack.resolvedAt).toBeGreaterThan(result.replayStoppedAt);
    expect(result.scaleBack.maintenanceAt).toBeGreaterThanOrEqual(result.scaleBack.resolvedAt);
    expect(shadowRequests(result.servedAfterScaleBack)).toBe(0);
    expect(result.servedAfterScaleBack[BASE_SERVERS[0]]).toBeGreaterThan(0);
  });

  it('drops no client request through the load balancer while servers change state', () => {
    expect(result.failedRequests).toBe(0);
  });
});
