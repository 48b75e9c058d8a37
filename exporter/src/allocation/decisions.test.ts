import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import express from 'express';
import { Registry } from 'prom-client';
import { sampleDataDir } from '../paths';
import { readTraceFile } from '../sim/trace-file';
import { dryRun, type DryRun } from './dry-run';
import { decisionsRouter, registerDecisionMetrics } from './router';
import { DecisionService } from './service';

const trace = readTraceFile(path.join(sampleDataDir, 'nasa-http-rate', 'nasa_1995-07-01_to_03_requests_per_minute.csv.gz'));
const startMs = trace.timestamps[0] * 1000;
const settings = { coldStartMinutes: 5, activationMinutes: 1, standbyCost: 0.1, pool: 'web' };

describe('dry run of the resource manager', () => {
  const day = trace.requests.slice(0, 1440);
  const run = dryRun(day, startMs, settings);

  it('decides for the coming minute from the history only, with every tier explained', () => {
    expect(run.mode).toBe('dry-run');
    expect(run.at).toBe(new Date(startMs + 1440 * 60_000).toISOString());
    expect(run.latest.tiers.map((t) => t.tier)).toEqual([1, 2, 3]);
    expect(run.latest.tiers[0].numbers.requests).toBe(day[1439]); // tier 1 saw the last observed minute
    expect(run.decisions.slice(0, 3).map((d) => [d.tier, d.pool, d.action])).toEqual([
      [1, 'web', 'recommend serving hosts'],
      [2, 'web', 'recommend serving hosts'],
      [3, 'web', 'recommend standby hosts'],
    ]);
    expect(run.decisions.every((d) => d.explanation.length > 10 && d.hosts >= 0)).toBe(true);
  });

  it('lists the actions of the last hour, newest first', () => {
    const actions = run.decisions.slice(3);
    expect(actions.length).toBeGreaterThan(0);
    const times = actions.map((a) => a.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(actions.map((a) => a.action))).not.toContain('recommend serving hosts');
  });
});

describe('GET /v1/decisions and shadowfleet_recommended_hosts', () => {
  let server: Server;
  let url: string;
  const registry = new Registry();
  let histories = 0;
  const service = new DecisionService({
    history: async () => (histories++, { values: trace.requests, startMs }),
    settings,
    now: () => Date.UTC(2026, 0, 1, 12, 0, 30),
  });
  registerDecisionMetrics(registry, service);

  beforeAll(async () => {
    const app = express().use(decisionsRouter(service));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the latest decision and publishes one gauge per tier, from one dry run per minute', async () => {
    const body = (await (await fetch(`${url}/v1/decisions`)).json()) as DryRun;
    expect(body).toMatchObject({ mode: 'dry-run', pool: 'web', history_minutes: 2880 });
    expect(body.decisions[0]).toMatchObject({ tier: 1, pool: 'web' });
    const text = await registry.metrics();
    for (const tier of ['1', '2', '3']) expect(text).toMatch(new RegExp(`shadowfleet_recommended_hosts\\{tier="${tier}",pool="web"\\} \\d+`));
    expect(text).toContain(`shadowfleet_recommended_hosts{tier="1",pool="web"} ${body.latest.tiers[0].hosts}`);
    expect(histories).toBe(1);
  });

  it('says so when there is no history, and publishes nothing', async () => {
    const empty = new DecisionService({ history: async () => undefined, settings });
    const reg = new Registry();
    registerDecisionMetrics(reg, empty);
    expect(await empty.latest()).toBeUndefined();
    expect(await reg.metrics()).not.toMatch(/shadowfleet_recommended_hosts\{/);
  });
});
