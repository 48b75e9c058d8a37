import type { Alert } from '../alertmanager/payload';
import { dedupeKey, desiredSize, mapAlert } from './scheme';

const pools = new Set(['web', 'api']);
const alert = (labels: Record<string, string>, annotations: Record<string, string> = {}): Alert => ({
  status: 'firing',
  labels: { alertname: 'ForecastHigh', ...labels },
  annotations,
  startsAt: '2026-11-27T17:26:27.817Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus/graph',
  fingerprint: '624096824c09146c',
});

describe('label scheme', () => {
  it.each([
    ['activate_shadow defaults to one unit', alert({ shadowfleet_action: 'activate_shadow', pool: 'web' }), { action: 'activate_shadow', pool: 'web', amount: { count: 1 } }],
    ['count from an annotation wins over a label', alert({ shadowfleet_action: 'activate_shadow', pool: 'web', count: '1' }, { count: '3' }), { amount: { count: 3 } }],
    ['scale_to rounds a forecast target up', alert({ shadowfleet_action: 'scale_to', pool: 'api', tier: '3' }, { target: '7.2' }), { action: 'scale_to', tier: 3, amount: { target: 8 } }],
    ['a fractional forecast count rounds up', alert({ shadowfleet_action: 'activate_shadow', pool: 'web' }, { count: '1.2' }), { amount: { count: 2 } }],
    ['scale_by may shrink', alert({ shadowfleet_action: 'scale_by', pool: 'web' }, { count: '-2' }), { amount: { count: -2 } }],
    ["set_hosts carries the decision's total (pool_hosts)", alert({ shadowfleet_action: 'set_hosts', pool: 'web', target: '2', pool_hosts: '5' }), { action: 'set_hosts', amount: { target: 2 }, poolHosts: 5 }],
  ])('%s', (_name, input, expected) => {
    const mapping = mapAlert(input, pools);
    expect(mapping.ok).toBe(true);
    if (mapping.ok) expect(mapping.request).toMatchObject(expected);
  });

  it.each([
    ['an alert for someone else', alert({}), 'not_shadowfleet', 'no shadowfleet_action label'],
    ['an unknown action', alert({ shadowfleet_action: 'reboot', pool: 'web' }), 'unknown_action', 'got "reboot"'],
    ['no pool', alert({ shadowfleet_action: 'scale_to' }, { target: '3' }), 'missing_pool', 'needs a pool label'],
    ['an unknown pool', alert({ shadowfleet_action: 'scale_to', pool: 'db' }, { target: '3' }), 'unknown_pool', 'pool "db" is not configured; configured: web, api'],
    ['a bad tier', alert({ shadowfleet_action: 'activate_shadow', pool: 'web', tier: '4' }), 'invalid_tier', 'got "4"'],
    ['scale_to without target', alert({ shadowfleet_action: 'scale_to', pool: 'web' }), 'invalid_amount', 'needs a target'],
    ['a negative target', alert({ shadowfleet_action: 'scale_to', pool: 'web' }, { target: '-1' }), 'invalid_amount', 'target must be a number >= 0, got "-1"'],
    ['a count that is not a number', alert({ shadowfleet_action: 'activate_shadow', pool: 'web' }, { count: 'two' }), 'invalid_amount', 'count must be a number, got "two"'],
    ['a zero count for activate_shadow', alert({ shadowfleet_action: 'activate_shadow', pool: 'web' }, { count: '0' }), 'invalid_amount', 'count for activate_shadow must be between 1 and 1000, got 0'],
    ['scale_by 0', alert({ shadowfleet_action: 'scale_by', pool: 'web' }, { count: '0' }), 'invalid_amount', 'not 0, got 0'],
    ['a shell string as count', alert({ shadowfleet_action: 'activate_shadow', pool: 'web' }, { count: '1; rm -rf /' }), 'invalid_amount', 'count must be a number, got "1; rm -rf /"'],
    ['a pool_hosts that is not a number', alert({ shadowfleet_action: 'set_hosts', pool: 'web', target: '2', pool_hosts: 'NaN' }), 'invalid_amount', 'pool_hosts must be a number >= 0, got "NaN"'],
  ])('skips %s with a reason', (_name, input, reason, detail) => {
    const mapping = mapAlert(input, pools);
    expect(mapping).toMatchObject({ ok: false, reason });
    if (!mapping.ok) expect(mapping.detail).toContain(detail);
  });

  it('reads pool_hosts only on set_hosts, and a set-point without it has none', () => {
    const other = mapAlert(alert({ shadowfleet_action: 'scale_to', pool: 'web', target: '2', pool_hosts: '5' }), pools);
    const bare = mapAlert(alert({ shadowfleet_action: 'set_hosts', pool: 'web', target: '2' }), pools);
    expect(other.ok && other.request.poolHosts).toBeUndefined();
    expect(bare.ok && bare.request.poolHosts).toBeUndefined();
  });

  it('turns each action into an absolute size', () => {
    expect(desiredSize('activate_shadow', { count: 2 }, 3)).toBe(5);
    expect(desiredSize('deactivate_shadow', { count: 2 }, 3)).toBe(1);
    expect(desiredSize('scale_by', { count: -1 }, 3)).toBe(2);
    expect(desiredSize('scale_to', { target: 9 }, 3)).toBe(9);
  });

  it('keys redeliveries by fingerprint, startsAt and status', () => {
    const firing = alert({});
    expect(dedupeKey(firing)).toBe(dedupeKey({ ...firing }));
    expect(dedupeKey(firing)).not.toBe(dedupeKey({ ...firing, status: 'resolved' }));
    expect(dedupeKey(firing)).not.toBe(dedupeKey({ ...firing, startsAt: '2026-11-27T18:00:00Z' }));
  });
});
