import { DEFAULT_POLICY, hpaStrategy, simulate, simulateJson, type Policy, type PoolModel, type SimConfig } from '@shadowfleet/models';
import { shippedActuationDelay } from '../sim/actuation-delay';
import { PolicyPreviewer, simulatePolicy } from './preview';
import { policyPreviewer } from './previewer';

const policy = (patch: (p: Policy) => void = () => undefined): Policy => {
  const p = structuredClone(DEFAULT_POLICY) as Policy;
  patch(p);
  return p;
};
/** Four hours of a flat load with a jump every hour that needs three more hosts at once (C = 10). */
const values = Array.from({ length: 240 }, (_, t) => (t % 60 >= 30 && t % 60 < 45 ? 80 : 50));
const config: SimConfig = { capacity: 10, coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };
const own = async () => ({ values, config, description: 'test pool', stepSeconds: 60 });
const pools = (cooldownSeconds: number): PoolModel =>
  ({ complexityUnit: 'count', pools: { web: { min: 1, max: 50, hostCapacity: 10 / 60, coldStartSeconds: 300, activationSeconds: 60, standbyCost: 0.1, cooldownSeconds } } }) as unknown as PoolModel;

describe('the policy preview simulates the path that acts', () => {
  it('simulates both policies with the shipped actuation delay, and says so', async () => {
    const shipped = shippedActuationDelay();
    const p = await new PolicyPreviewer(own).preview(policy(), policy((x) => (x.strategy = 'hpa')));
    expect(p.actuationDelay).toMatchObject({ steps: shipped.steps, seconds: shipped.seconds, step_seconds: 60 });
    expect(p.actuationDelay.source).toMatch(/^shipped default/);
    expect(p.current).toEqual(simulatePolicy(policy(), values, { ...config, actuationDelay: shipped.steps }));
    expect(p.proposed).toEqual(simulateJson(simulate(values, hpaStrategy(), { ...config, actuationDelay: shipped.steps })));
    // Dropping the delay would show other numbers: hpa's three hosts of each jump land 23 s late, two of them miss the minute.
    const atOnce = simulatePolicy(policy((x) => (x.strategy = 'hpa')), values, config);
    expect(p.proposed.tau_U).toBeGreaterThan(atOnce.tau_U);
  });

  it("derives the delay from the exporter's own decision interval and pool cooldown", async () => {
    const previewer = policyPreviewer({ config: { decisionIntervalSeconds: 30, poolsFile: '/etc/shadowfleet/pools.json' }, pools: pools(120), history: () => ({ values, config }) });
    const p = await previewer.preview(policy(), policy());
    // 5 % of 30 s + 7.5 + 7.5 s; Alertmanager: each set-point has a group of its own (group_by ['...']), so
    // group_wait 5 s even at a 30 s step; + 0.024 s; the webhook defers a change 120 − 30 s past the step.
    expect(p.actuationDelay.terms).toMatchObject({ decision_offset: 1.5, alertmanager: 5, cooldown_beyond_step: 90 });
    expect(p.actuationDelay.seconds).toBeCloseTo(1.5 + 7.5 + 7.5 + 5 + 0.024 + 90, 6);
    expect(p.actuationDelay.steps).toBeCloseTo(p.actuationDelay.seconds / 30, 9);
    expect(p.actuationDelay.step_seconds).toBe(30);
    expect(p.actuationDelay.source).toMatch(/a step of 30 s, the pool's cooldown of 120 s \(\/etc\/shadowfleet\/pools\.json\)/);
    expect(p.trace.source).toMatch(/per 30 s$/);
    expect(p.current).toEqual(simulatePolicy(policy(), values, { ...config, actuationDelay: p.actuationDelay.steps }));
  });

  it('at the shipped interval and cooldown it is the shipped default', async () => {
    const previewer = policyPreviewer({ config: { decisionIntervalSeconds: 60, poolsFile: undefined }, pools: pools(30), history: () => ({ values, config }) });
    const p = await previewer.preview(policy(), policy());
    expect(p.actuationDelay.steps).toBe(shippedActuationDelay().steps);
    expect(p.actuationDelay.source).toMatch(/^shipped default/);
  });

  it('says when the delay cannot be derived, and then acts at once', async () => {
    const p = await new PolicyPreviewer(own, () => {
      throw new Error('provisioning/prometheus/prometheus.yml: ENOENT');
    }).preview(policy(), policy());
    expect(p.actuationDelay).toMatchObject({ steps: 0, source: expect.stringMatching(/^not derived \(provisioning\/prometheus\/prometheus.yml: ENOENT\): decisions act at once/) });
    expect(p.current).toEqual(simulatePolicy(policy(), values, config));
  });
});
