import { BASE_SERVERS, SHADOW_SERVERS, runScalingScenario, type ScenarioResult } from './scenario';

/**
 * The whole path, real parts only (see scenario.ts): the resource manager's target rises → set-point
 * alert → Alertmanager → webhook → HAProxy → a shadow server serves traffic; the target falls → the
 * shadows go back.
 * Timings are measured by the `e2e` benchmark; here only behaviour is asserted.
 */
// Usually about a minute; the worst case is bounded by the steps' deadlines (180 s each, dozens of 5-second
// forecast refreshes), so that a loaded machine does not fail the run.
jest.setTimeout(900_000);

const shadowRequests = (served: Record<string, number>): number => SHADOW_SERVERS.reduce((n, s) => n + (served[s] ?? 0), 0);

describe('end to end: resource manager → Prometheus rules → Alertmanager → webhook → HAProxy', () => {
  let result: ScenarioResult;

  beforeAll(async () => {
    result = await runScalingScenario();
    process.stderr.write(`e2e scenario: ${JSON.stringify(result)}\n`);
  });

  it('serves only from the always-on server before the load comes', () => {
    expect(Object.keys(result.baselineServed)).toEqual([...BASE_SERVERS]);
  });

  it('needs only the always-on server for the night, by the capacity the pool model gives', () => {
    expect(result.beforeSurge).toMatchObject({ desired: { serving: 1 }, capacity: { per_host: result.capacity.perHost } });
  });

  it('scales up only after the resource manager decided it, with its target carried by the alert', () => {
    const a = result.activation;
    expect(a.decision.desired.serving).toBeGreaterThan(1);
    expect(a.firingTarget).toBeGreaterThan(1);
    expect(a.firingAt).toBeGreaterThan(a.decidedAt);
    expect(a.haproxyReadyAt).toBeGreaterThanOrEqual(a.firingAt);
    expect(a.firstServedAt).toBeGreaterThanOrEqual(a.webhookReadyAt);
  });

  it('raises the serving capacity the rules see when serving hosts are added (hosts × capacity per host)', () => {
    expect(result.servingCapacity.before).toBeCloseTo(result.capacity.perHost, 6);
    expect(result.servingCapacity.during).toBeGreaterThanOrEqual(2 * result.capacity.perHost - 1e-6);
  });

  it('turns shadow servers ready and sends client requests to them', () => {
    expect(SHADOW_SERVERS).toContain(result.activation.firstServedBy);
    expect(shadowRequests(result.servedWhileActive)).toBeGreaterThan(0);
    expect(result.servedWhileActive[BASE_SERVERS[0]]).toBeGreaterThan(0);
  });

  it('scales back once the replay stops and the target of the manager falls: shadows in maintenance, no traffic on them', () => {
    expect(result.scaleBack.decidedAt).toBeGreaterThan(result.replayStoppedAt);
    expect(result.scaleBack.maintenanceAt).toBeGreaterThanOrEqual(result.scaleBack.decidedAt);
    expect(shadowRequests(result.servedAfterScaleBack)).toBe(0);
    expect(result.servedAfterScaleBack[BASE_SERVERS[0]]).toBeGreaterThan(0);
  });

  it('drops no client request through the load balancer while servers change state', () => {
    expect(result.failedRequests).toBe(0);
  });
});
