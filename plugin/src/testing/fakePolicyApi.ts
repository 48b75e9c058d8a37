/**
 * The policy API of the "One decision path" contract (issue 12), as a fake exporter for unit tests
 * until the real one lands: GET /v1/policy, PUT /v1/policy (400 invalid_policy naming fields),
 * POST /v1/policy/rollback {version} (a NEW version equal to the old one), POST /v1/policy/preview.
 * `by` is what Grafana's proxy would send as X-Grafana-User (the browser never sends it).
 */
import type { BackendSrvRequest } from '@grafana/runtime';
import { diffPolicies, flatten, type PolicyState, type PolicyVersion } from '../pages/Tuning/policyState';
import type { Policy } from '../pages/Tuning/policyTypes';
import type { FakeAnswer } from './fakeBackend';

export interface FakePolicyApi {
  state: () => PolicyState;
  handle: (req: BackendSrvRequest) => FakeAnswer | undefined;
}

export function fakePolicyApi(initial: Policy, opts: { by: string; preview: (p: Policy) => unknown }): FakePolicyApi {
  let version = 1;
  let policy = initial;
  const sources = Object.fromEntries(Object.keys(flatten(initial)).map((f) => [f, f.startsWith('bounds.') ? 'file' : 'default'])) as PolicyState['sources'];
  const history: PolicyVersion[] = [{ version: 1, at: '2026-12-07T10:00:00.000Z', by: null, source: 'file', policy: initial, changes: [] }];
  const state = (): PolicyState => ({ version, policy, sources, updatedAt: history[0]!.at, updatedBy: history[0]!.by, history });
  const record = (next: Policy, source: string) => {
    const changes = diffPolicies(policy, next);
    for (const c of changes) {
      sources![c.field] = 'api';
    }
    version += 1;
    policy = next;
    history.unshift({ version, at: new Date(Date.UTC(2026, 11, 7, 12, version)).toISOString(), by: opts.by, source, policy: next, changes });
  };
  const invalid = (p: Policy): FakeAnswer | undefined =>
    p.bounds.maxHosts < 1
      ? { status: 400, data: { error: 'invalid_policy', message: 'bounds.maxHosts must be ≥ 1', issues: [{ field: 'bounds.maxHosts', message: 'must be ≥ 1' }] } }
      : undefined;

  const handle = (req: BackendSrvRequest): FakeAnswer | undefined => {
    const path = req.url.replace(/^api\/plugin-proxy\/[^/]+\/exporter/, '');
    const method = req.method ?? 'GET';
    if (path === '/v1/policy' && method === 'GET') {
      return { status: 200, data: state() };
    }
    if (path === '/v1/policy' && method === 'PUT') {
      const body = req.data as Policy;
      const bad = invalid(body);
      if (bad) {
        return bad;
      }
      record(body, 'api');
      return { status: 200, data: state() };
    }
    if (path === '/v1/policy/preview' && method === 'POST') {
      return invalid(req.data as Policy) ?? { status: 200, data: opts.preview(req.data as Policy) };
    }
    if (path === '/v1/policy/rollback' && method === 'POST') {
      const target = history.find((h) => h.version === (req.data as { version: number }).version);
      if (!target?.policy) {
        return { status: 404, data: { error: 'unknown_version', message: 'no such policy version' } };
      }
      record(target.policy, 'rollback');
      return { status: 200, data: state() };
    }
    return undefined;
  };
  return { state, handle };
}
