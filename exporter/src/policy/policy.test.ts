import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { DEFAULT_POLICY, type Policy } from '@shadowfleet/models';
import { PolicyPreviewer, type PolicyPreview } from './preview';
import { policyRouter } from './router';
import { POLICY_FILE, PolicyStore, type EffectivePolicy } from './store';

const TOKEN = 'policy-test-token-0123456789';
const withPolicy = (patch: (p: Policy) => void): Policy => {
  const p = structuredClone(DEFAULT_POLICY) as Policy;
  patch(p);
  return p;
};

describe('the policy store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'policy-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts at version 1 with every value from the defaults', () => {
    const s = new PolicyStore(dir, { now: () => Date.UTC(2026, 0, 1) });
    expect(s.get()).toMatchObject({ version: 1, policy: DEFAULT_POLICY, updatedBy: 'default', updatedAt: '2026-01-01T00:00:00.000Z' });
    expect(new Set(Object.values(s.get().sources))).toEqual(new Set(['default']));
    expect(existsSync(path.join(dir, POLICY_FILE))).toBe(false); // nothing written until a policy is set
  });

  it('layers a partial policy file over the defaults, and an edited file becomes a new version at the next start', () => {
    const file = path.join(dir, 'operator-policy.json');
    writeFileSync(file, JSON.stringify({ targets: { servingQuantile: 0.95 } }));
    const s = new PolicyStore(dir, { policyFile: file });
    expect(s.get()).toMatchObject({ version: 2, updatedBy: `file ${file}` });
    expect(s.get().policy.targets).toEqual({ ...DEFAULT_POLICY.targets, servingQuantile: 0.95 });
    expect(s.get().sources).toMatchObject({ 'targets.servingQuantile': 'file', 'targets.utilisation': 'default' });
    expect(new PolicyStore(dir, { policyFile: file }).get().version).toBe(2); // same file: no new version
    writeFileSync(file, JSON.stringify({ targets: { servingQuantile: 0.9 } }));
    expect(new PolicyStore(dir, { policyFile: file }).get()).toMatchObject({ version: 3, policy: { targets: { servingQuantile: 0.9 } } });
  });

  it('refuses a policy file with a bad value, naming the field', () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ bounds: { maxHosts: 0 } }));
    expect(() => new PolicyStore(dir, { policyFile: file })).toThrow(/bounds\.maxHosts: must be ≥ 1/);
  });

  it('records who changed what, restores a version by rollback, and survives a restart', () => {
    const s = new PolicyStore(dir);
    const changes: number[] = [];
    s.onChange((v) => changes.push(v.version));
    s.save(withPolicy((p) => (p.targets.servingQuantile = 0.9)), 'grafana:alice');
    s.save(withPolicy((p) => ((p.targets.servingQuantile = 0.9), (p.bounds.maxHosts = 10))), 'grafana:bob');
    const back = s.rollback(2, 'grafana:carol');
    expect(changes).toEqual([2, 3, 4]);
    expect(back).toMatchObject({ version: 4, updatedBy: 'grafana:carol', policy: { bounds: { maxHosts: 200 }, targets: { servingQuantile: 0.9 } } });
    expect(back.history[0]).toMatchObject({ source: 'rollback', restored: 2, changes: [{ field: 'bounds.maxHosts', from: 10, to: 200 }] });
    expect(back.history[1]).toMatchObject({ version: 3, by: 'grafana:bob', changes: [{ field: 'bounds.maxHosts', from: 200, to: 10 }] });
    expect(back.sources['targets.servingQuantile']).toBe('api');
    const reopened = new PolicyStore(dir).get();
    expect(reopened.version).toBe(4);
    expect(reopened.history.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect(() => s.rollback(99, 'x')).toThrow(/version 99 is not in the history \(kept: 1…4\)/);
  });

  it('reads the single-policy file of the previous release as its first version', () => {
    writeFileSync(path.join(dir, POLICY_FILE), JSON.stringify({ policy: withPolicy((p) => (p.strategy = 'hpa')), updatedAt: '2026-01-01T00:00:00.000Z' }));
    expect(new PolicyStore(dir).get()).toMatchObject({ version: 1, policy: { strategy: 'hpa' }, updatedBy: 'migrated' });
  });
});

describe('policy HTTP API', () => {
  let dir: string;
  let server: Server;
  let base: string;
  let store: PolicyStore;
  const send = (method: string, route: string, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) =>
    fetch(`${base}${route}`, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const put = (body: unknown, headers?: Record<string, string>) => send('PUT', '/v1/policy', body, headers);
  const get = async (): Promise<EffectivePolicy> => (await (await fetch(`${base}/v1/policy`)).json()) as EffectivePolicy;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'policy-'));
    store = new PolicyStore(dir);
    const app = express().use(policyRouter(store, new PolicyPreviewer(), TOKEN));
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('requires the bearer token to save or roll back', async () => {
    expect((await put(DEFAULT_POLICY, {})).status).toBe(401);
    expect((await put(DEFAULT_POLICY, { Authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    expect((await send('POST', '/v1/policy/rollback', { version: 1 }, {})).status).toBe(401);
  });

  it('answers 400 naming each bad field, and changes nothing', async () => {
    const res = await put(withPolicy((p) => ((p.bounds.maxHosts = 0), (p.targets.utilisation = 2))));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string; issues: unknown[] };
    expect(body.error).toBe('invalid_policy');
    expect(body.message).toContain('bounds.maxHosts must be ≥ 1');
    expect(body.message).toContain('targets.utilisation must be ≤ 1');
    expect((await put('{not json')).status).toBe(400);
    expect((await send('POST', '/v1/policy/rollback', { version: 'two' })).status).toBe(400);
    expect((await send('POST', '/v1/policy/rollback', { version: 7 })).status).toBe(400);
    expect(await get()).toMatchObject({ version: 1, policy: DEFAULT_POLICY });
  });

  it('saves a new version with the Grafana user, persisted atomically in the data dir', async () => {
    const policy = withPolicy((p) => ((p.strategy = 'hpa'), (p.cooldowns.scaleDownMinutes = 15), (p.profilePriorities = { 'p-1': 9 })));
    const res = await put(policy, { Authorization: `Bearer ${TOKEN}`, 'X-Grafana-User': 'alice' });
    expect(res.status).toBe(200);
    expect(await get()).toMatchObject({ version: 2, policy, updatedBy: 'grafana:alice', sources: { strategy: 'api', 'targets.servingQuantile': 'default' } });
    const onDisk = JSON.parse(readFileSync(path.join(dir, POLICY_FILE), 'utf8')) as { versions: Array<{ policy: Policy }> };
    expect(onDisk.versions[1].policy).toEqual(policy);
    const rolled = (await (await send('POST', '/v1/policy/rollback', { version: 1 })).json()) as EffectivePolicy;
    expect(rolled).toMatchObject({ version: 3, policy: DEFAULT_POLICY, updatedBy: 'api' });
  });

  it('previews a proposed policy against the one in force, and says when it is worse', async () => {
    const res = await send('POST', '/v1/policy/preview', withPolicy((p) => (p.strategy = 'hpa')));
    expect(res.status).toBe(200);
    const body = (await res.json()) as PolicyPreview;
    expect(body.trace.steps).toBe(3 * 1440);
    expect(body.trace.source).toMatch(/bundled sample/);
    expect(body.current.strategy).toBe('tiered');
    expect(body.proposed.strategy).toBe('hpa');
    expect(body.proposed.tau_U).toBeGreaterThan(body.current.tau_U);
    expect(body.worse).toBe(true);
    expect(body.notSimulated).toEqual(['forecast', 'profilePriorities']);
    expect(body.notSimulatedReasons.profilePriorities).toMatch(/^acts at the load balancer .*, not simulated$/);
  });
});
