import { SAMPLE_POLICY } from '../../testing/samplePolicy';
import { fromForm, toForm, type Policy } from './policyTypes';

/** The sample with other values in every group, and a profile priority. */
const policy: Policy = { ...SAMPLE_POLICY, forecast: 'volume', targets: { utilisation: 0.8, servingQuantile: 0.95, surgeQuantile: 0.99 }, bounds: { minHosts: 2, maxHosts: 50 }, cooldowns: { scaleUpMinutes: 3, scaleDownMinutes: 10 }, profilePriorities: { 'p-1': 9 } };

describe('policy form', () => {
  it('round-trips a policy', () => {
    expect(fromForm(toForm(policy))).toEqual({ policy, errors: {} });
  });

  it('names the policy field of a value that is not a number', () => {
    const r = fromForm({ ...toForm(policy), maxHosts: 'many', priorities: { 'p-1': 'high' } });
    expect(r.policy).toBeUndefined();
    expect(r.errors).toEqual({ 'bounds.maxHosts': 'must be a number, got "many"', 'profilePriorities.p-1': 'must be a number, got "high"' });
  });

  it('leaves range rules to the exporter (a negative value is sent as typed)', () => {
    expect(fromForm({ ...toForm(policy), minHosts: '-3' }).policy?.bounds.minHosts).toBe(-3);
  });

  it('drops empty priorities (the exporter defaults them to 5)', () => {
    expect(fromForm({ ...toForm(policy), priorities: { 'p-1': '' } }).policy?.profilePriorities).toEqual({});
  });
});
