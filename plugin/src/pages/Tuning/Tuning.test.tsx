import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { installFakeBackend } from '../../testing/fakeBackend';
import Tuning from './Tuning';
import type { Policy } from './policyTypes';

const policy: Policy = {
  strategy: 'tiered',
  targets: { utilisation: 1, servingQuantile: 0.98, surgeQuantile: 0.99 },
  bounds: { minHosts: 1, maxHosts: 200 },
  cooldowns: { scaleUpMinutes: 0, scaleDownMinutes: 0 },
  profilePriorities: {},
};
const metrics = { strategy: 'tiered+policy', minutes: 4320, unserved_pct: 0.4, tau_U: 2.4, theta_U: 0.3, tau_O: 97, cost_host_minutes: 213648, cost_ratio: 1.27 };
const preview = { trace: { file: 'samples/trace.csv.gz', minutes: 4320, capacity: 1.7 }, current: metrics, proposed: { ...metrics, cost_ratio: 1.02 }, simulated: [], notSimulated: ['profilePriorities'] };

function backend() {
  return installFakeBackend((req) => {
    const path = req.url.replace(/^api\/plugin-proxy\/[^/]+\/exporter/, '');
    if (path === '/v1/policy' && (req.method ?? 'GET') === 'GET') {
      return { status: 200, data: { policy, source: 'default', updatedAt: null } };
    }
    if (path === '/v1/profiles') {
      return { status: 200, data: { built: true, rebuilding: false, profiles: [{ id: 'p-1', name: 'night owls', size: 10, share: 1, traits: [] }] } };
    }
    const body = req.data as Policy;
    if (body.bounds.maxHosts < 1) {
      return { status: 400, data: { error: 'invalid_policy', message: 'bounds.maxHosts must be ≥ 1', issues: [{ field: 'bounds.maxHosts', message: 'must be ≥ 1' }] } };
    }
    if (path === '/v1/policy/preview') {
      return { status: 200, data: preview };
    }
    return { status: 200, data: { policy: body, source: 'saved', updatedAt: '2026-11-27T12:00:00.000Z' } };
  });
}

describe('Tuning page', () => {
  it('shows the exporter’s field error beside the field and keeps Save disabled', async () => {
    backend();
    render(<Tuning />);
    const max = await screen.findByLabelText('Maximum hosts');
    fireEvent.change(max, { target: { value: '0' } });
    fireEvent.click(screen.getByText('Preview in the simulator'));
    expect(await screen.findByText('must be ≥ 1')).toBeInTheDocument();
    expect(screen.getByText('Save policy').closest('button')).toBeDisabled();
  });

  it('saves only a previewed policy, and sends what was previewed', async () => {
    const seen = backend();
    render(<Tuning />);
    expect(await screen.findByText('night owls')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Maximum hosts'), { target: { value: '40' } });
    fireEvent.change(screen.getByLabelText('Priority of night owls'), { target: { value: '9' } });
    expect(screen.getByText('Save policy').closest('button')).toBeDisabled();
    fireEvent.click(screen.getByText('Preview in the simulator'));
    expect(await screen.findByText('Cost ÷ oracle cost')).toBeInTheDocument();
    fireEvent.click(screen.getByText('Save policy'));
    await waitFor(() => expect(screen.getByText(/^Policy saved/)).toBeInTheDocument());
    const put = seen.find((r) => r.method === 'PUT');
    expect(put?.data).toEqual({ ...policy, bounds: { minHosts: 1, maxHosts: 40 }, profilePriorities: { 'p-1': 9 } });
  });
});
