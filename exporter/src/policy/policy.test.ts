import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { simulate, tieredStrategy, type SimConfig } from '@shadowfleet/models';
import { PolicyPreviewer, policyStrategy, type PolicyPreview } from './preview';
import { policyRouter } from './router';
import { DEFAULT_POLICY, parsePolicy, type Policy } from './schema';
import { POLICY_FILE, PolicyStore, type StoredPolicy } from './store';

const TOKEN = 'policy-test-token-0123456789';
const withPolicy = (patch: (p: Policy) => void): Policy => {
  const p = structuredClone(DEFAULT_POLICY) as Policy;
  patch(p);
  return p;
};

describe('policy schema', () => {
  it.each([
    ['utilisation of 0', (p: Policy) => (p.targets.utilisation = 0), 'targets.utilisation', 'must be > 0'],
    ['maxHosts below minHosts', (p: Policy) => ((p.bounds.minHosts = 5), (p.bounds.maxHosts = 2)), 'bounds.maxHosts', 'must be ≥ bounds.minHosts (5), got 2'],
    ['fractional cooldown', (p: Policy) => (p.cooldowns.scaleUpMinutes = 1.5), 'cooldowns.scaleUpMinutes', 'whole number'],
    ['priority above 10', (p: Policy) => (p.profilePriorities = { 'p-1': 11 }), 'profilePriorities.p-1', 'must be ≤ 10'],
    ['surge quantile below serving', (p: Policy) => (p.targets.surgeQuantile = 0.9), 'targets.surgeQuantile', 'must be ≥ targets.servingQuantile'],
  ])('rejects %s naming the field', (_name, patch, field, message) => {
    const r = parsePolicy(withPolicy(patch));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.stringContaining(message) })]));
  });

  it('rejects an unknown strategy and unknown keys', () => {
    const r = parsePolicy({ ...DEFAULT_POLICY, strategy: 'magic', extra: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['strategy', '(body)']));
  });
});

describe('policyStrategy bounds and cooldowns', () => {
  // A step from 100 to 2000 requests per minute: the tiered manager wants many more hosts.
  const requests = Array.from({ length: 240 }, (_, t) => (t < 60 ? 100 : 2000));
  const config: SimConfig = { capacity: 100, coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };
  const maxServing = (policy: Policy): number => {
    const r = simulate(requests, policyStrategy(policy), config, { timeline: true });
    return Math.max(...r.timeline!.map((row) => row.serving + row.booting + row.activating));
  };

  it('never exceeds bounds.maxHosts, which the unbounded strategy does', () => {
    const free = simulate(requests, tieredStrategy(), config, { timeline: true });
    expect(Math.max(...free.timeline!.map((r) => r.serving))).toBeGreaterThan(8);
    expect(maxServing(withPolicy((p) => (p.bounds.maxHosts = 8)))).toBeLessThanOrEqual(8);
  });
});

describe('policy HTTP API', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const put = (body: unknown, token: string | null = TOKEN) =>
    fetch(`${base}/v1/policy`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'policy-'));
    const app = express().use(policyRouter(new PolicyStore(dir), new PolicyPreviewer(), TOKEN));
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the default policy until one is saved', async () => {
    const body = await (await fetch(`${base}/v1/policy`)).json();
    expect(body).toEqual({ policy: DEFAULT_POLICY, source: 'default', updatedAt: null });
  });

  it('requires the bearer token to save', async () => {
    expect((await put(DEFAULT_POLICY, null)).status).toBe(401);
    expect((await put(DEFAULT_POLICY, 'wrong-token-wrong-token')).status).toBe(401);
  });

  it('answers 400 naming each bad field, and keeps the policy in force', async () => {
    const res = await put(withPolicy((p) => ((p.bounds.maxHosts = 0), (p.targets.utilisation = 2))));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('invalid_policy');
    expect(body.message).toContain('bounds.maxHosts must be ≥ 1');
    expect(body.message).toContain('targets.utilisation must be ≤ 1');
    expect((await put('{not json')).status).toBe(400);
    expect(((await (await fetch(`${base}/v1/policy`)).json()) as StoredPolicy).source).toBe('default');
  });

  it('saves a valid policy to the data dir, where a restarted exporter finds it', async () => {
    const policy = withPolicy((p) => ((p.strategy = 'hpa'), (p.cooldowns.scaleDownMinutes = 15), (p.profilePriorities = { 'p-1': 9 })));
    const res = await put(policy);
    expect(res.status).toBe(200);
    const got = await (await fetch(`${base}/v1/policy`)).json();
    expect(got).toMatchObject({ policy, source: 'saved' });
    expect(JSON.parse(readFileSync(path.join(dir, POLICY_FILE), 'utf8')).policy).toEqual(policy);
    expect(new PolicyStore(dir).get().policy).toEqual(policy);
  });

  it('previews a proposed policy against the one in force on the bundled trace', async () => {
    const proposed = withPolicy((p) => (p.strategy = 'hpa'));
    const res = await fetch(`${base}/v1/policy/preview`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(proposed),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as PolicyPreview;
    expect(body.trace.minutes).toBe(3 * 1440);
    expect(body.current.strategy).toBe('tiered+policy');
    expect(body.proposed.strategy).toBe('hpa+policy');
    expect(body.proposed.cost_host_minutes).not.toBe(body.current.cost_host_minutes);
    expect(body.notSimulated).toEqual(['profilePriorities']);
  });
});
