import React from 'react';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { config } from '@grafana/runtime';
import { POLICY_WRITE_ACTION } from '../../api/access';
import { testIds } from '../../components/testIds';
import { installFakeBackend } from '../../testing/fakeBackend';
import { fakePolicyApi } from '../../testing/fakePolicyApi';
import { SAMPLE_POLICY } from '../../testing/samplePolicy';
import Tuning from './Tuning';
import type { Policy } from './policyTypes';

const policy: Policy = SAMPLE_POLICY;
const metrics = { strategy: 'tiered+policy', minutes: 4320, unserved_pct: 0.4, tau_U: 2.4, theta_U: 0.3, tau_O: 97, cost_host_minutes: 213648, cost_ratio: 1.27 };
/** Fewer hosts allowed → more unserved (worse); anything else → cheaper (better). */
const preview = (p: Policy) => ({
  trace: { source: 'pool web: 2 days of kib per 60 s step', steps: 2880, capacity: 1.7 },
  current: metrics,
  proposed: p.bounds.maxHosts < 100 ? { ...metrics, unserved_pct: 3.1 } : { ...metrics, cost_ratio: 1.02 },
  worse: p.bounds.maxHosts < 100,
  simulated: [],
  notSimulated: ['profilePriorities'],
  notSimulatedReasons: { profilePriorities: 'acts at the load balancer (HAProxy serves queued requests of higher-priority profiles first), not simulated' },
  actuationDelay: { steps: 0.3837, seconds: 23.024, step_seconds: 60, source: 'shipped default: derived from provisioning/' },
});

function backend() {
  const api = fakePolicyApi(policy, { by: 'alice', preview });
  const seen = installFakeBackend((req) => {
    if (req.url.endsWith('/v1/priority')) {
      const v = api.state().version;
      return {
        status: 200,
        data: {
          enabled: true,
          mapFile: '/etc/haproxy/shadowfleet-priority.map',
          runtimeSocket: '/run/haproxy/admin.sock',
          userIdentity: 'cookie sf_uid',
          haproxyLines: [],
          policyVersion: v,
          updatedAt: '2026-12-07T16:00:00.000Z',
          entries: 12,
          byClass: { 1: 12 },
          leftOut: { maxEntries: 0, unusableKey: 0 },
          failures: { file: 0, runtime: 0 },
          lastError: null,
        },
      };
    }
    if (req.url.endsWith('/v1/profiles')) {
      return { status: 200, data: { built: true, rebuilding: false, profiles: [{ id: 'p-1', name: 'night owls', size: 10, share: 1, traits: [] }] } };
    }
    return api.handle(req) ?? { status: 404, data: 'Cannot GET' };
  });
  return { api, seen };
}
const asUser = (orgRole: string, permissions: Record<string, boolean>) => {
  config.bootData.user = { ...config.bootData.user, orgRole, permissions } as typeof config.bootData.user;
};
const click = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));
const saveButton = () => screen.getByText('Save policy').closest('button')!;

// The machine is shared: give renders time rather than fail on a busy CPU (no timing is asserted).
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
beforeEach(() => asUser('Admin', { [POLICY_WRITE_ACTION]: true }));

describe('Tuning page', () => {
  it('shows each value in force with where it came from, and the edit as a diff', async () => {
    backend();
    render(<Tuning />);
    const prov = await screen.findByTestId(testIds.tuning.provenance);
    const row = within(prov).getByText('bounds.maxHosts').closest('tr')!;
    expect(row).toHaveTextContent('200');
    expect(row).toHaveTextContent('policy file');
    expect(within(prov).getByText('strategy').closest('tr')).toHaveTextContent('built-in default');
    fireEvent.change(screen.getByLabelText('Maximum hosts'), { target: { value: '150' } });
    const diff = screen.getByTestId(testIds.tuning.diff);
    expect(within(diff).getByText('bounds.maxHosts').closest('tr')).toHaveTextContent(/200\s*150/);
  });

  it('shows the exporter’s field error beside the field and keeps Save disabled', async () => {
    backend();
    render(<Tuning />);
    fireEvent.change(await screen.findByLabelText('Maximum hosts'), { target: { value: '0' } });
    click('Preview in the simulator');
    expect(await screen.findByText('must be ≥ 1')).toBeInTheDocument();
    expect(saveButton()).toBeDisabled();
  });

  it('saves a previewed, better policy; the new version and its author show in the history', async () => {
    const { seen } = backend();
    render(<Tuning />);
    expect(await screen.findByText('night owls')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Maximum hosts'), { target: { value: '150' } });
    fireEvent.change(screen.getByLabelText('Priority of night owls'), { target: { value: '9' } });
    expect(saveButton()).toBeDisabled();
    click('Preview in the simulator');
    expect(await screen.findByText('Cost ÷ oracle cost')).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.tuning.worse)).toBeNull();
    click('Save policy');
    await waitFor(() => expect(screen.getByTestId(testIds.tuning.saved)).toHaveTextContent(/^Version 2 is in force, saved .* by alice/));
    expect(seen.find((r) => r.method === 'PUT')?.data).toEqual({ ...policy, bounds: { minHosts: 1, maxHosts: 150 }, profilePriorities: { 'p-1': 9 } });
    // The browser never claims a user itself: Grafana's proxy adds X-Grafana-User.
    expect(seen.every((r) => !Object.keys(r.headers ?? {}).some((h) => h.toLowerCase() === 'x-grafana-user'))).toBe(true);
    const history = screen.getByTestId(testIds.tuning.history);
    expect(within(history).getByText('v2 (in force)').closest('tr')).toHaveTextContent(/alice.*bounds\.maxHosts: 200 → 150/);
  });

  it('warns when the preview is worse and saves only after confirmation', async () => {
    const { seen } = backend();
    render(<Tuning />);
    fireEvent.change(await screen.findByLabelText('Maximum hosts'), { target: { value: '40' } });
    click('Preview in the simulator');
    expect(await screen.findByTestId(testIds.tuning.worse)).toHaveTextContent('Unserved requests (%)');
    click('Save policy');
    expect(await screen.findByText('Save a policy the simulator rates worse?')).toBeInTheDocument();
    expect(seen.some((r) => r.method === 'PUT')).toBe(false);
    click('Save anyway');
    await waitFor(() => expect(screen.getByTestId(testIds.tuning.saved)).toHaveTextContent(/^Version 2/));
  });

  it('rolls back in one click to an older version, as a new version', async () => {
    const { seen, api } = backend();
    render(<Tuning />);
    fireEvent.change(await screen.findByLabelText('Maximum hosts'), { target: { value: '150' } });
    click('Preview in the simulator');
    await screen.findByText('Cost ÷ oracle cost');
    click('Save policy');
    await screen.findByText('v2 (in force)');
    click('Roll back to v1');
    await screen.findByText('v3 (in force)');
    expect(seen.filter((r) => r.method !== 'GET').at(-1)).toMatchObject({ method: 'POST', data: { version: 1 } });
    expect(api.state().policy).toEqual(policy);
    expect(screen.getByLabelText('Maximum hosts')).toHaveValue('200');
  });

  it('lets a user without the policy:write action preview but not save or roll back', async () => {
    asUser('Editor', {});
    backend();
    render(<Tuning />);
    expect(await screen.findByText('You can preview, not save')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Maximum hosts'), { target: { value: '150' } });
    click('Preview in the simulator');
    await screen.findByText('Cost ÷ oracle cost');
    expect(saveButton()).toBeDisabled();
  });

  it('says where profile priorities act: at the load balancer, not in the simulator', async () => {
    backend();
    render(<Tuning />);
    expect(await screen.findByText(/Acts at the load balancer: HAProxy serves the queued requests of higher-priority profiles first/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Priority of night owls'), { target: { value: '9' } });
    click('Preview in the simulator');
    await screen.findByText('Cost ÷ oracle cost');
    expect(screen.getByTestId(testIds.tuning.preview)).toHaveTextContent('Not modelled by the simulator: profilePriorities (acts at the load balancer');
    expect(screen.getByTestId(testIds.tuning.preview)).toHaveTextContent('Each decision reaches the pool 0.384 step (23.0 s) later, as on the path that acts (shipped default: derived from provisioning/).');
    expect(screen.getByTestId(testIds.tuning.loadBalancer)).toHaveTextContent(
      'HAProxy priority map /etc/haproxy/shadowfleet-priority.map: 12 users (class 1: 12), user read from the cookie sf_uid; written for policy version 1',
    );
  });
});
