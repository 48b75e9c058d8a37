import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { feedbackRouter } from './router';

const TOKEN = 'experiments-test-token-0123456789';

describe('GET /v1/experiments and live segments', () => {
  let server: Server;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-exp-'));
    const file = path.join(dir, 'adaptive.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'adaptive',
        results: { experiments: [{ id: 'nasa', name: 'nasa: adaptive vs fixed', verdict: 'treatment_better', metrics: [{ metric: 'loss', control: 1.6, treatment: 1.5, difference: -0.1, lower: -0.2, upper: -0.05 }] }] },
      }),
    );
    const app = express().use(feedbackRouter([file], TOKEN, () => undefined));
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (id: string, body: unknown, token = TOKEN): Promise<Response> =>
    fetch(`${base}/v1/experiments/${id}/segments`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

  it('lists the experiments of the results files in the shape the Grafana page reads', async () => {
    const body = (await (await fetch(`${base}/v1/experiments`)).json()) as { experiments: Array<Record<string, unknown>> };
    expect(body.experiments[0]).toMatchObject({ id: 'nasa', verdict: 'treatment_better', metrics: [{ metric: 'loss', difference: -0.1, lower: -0.2, upper: -0.05 }] });
  });

  it('decides a live experiment from posted segments, and stops a treatment that harms the SLO', async () => {
    const first = (await (await post('pools', { name: 'pool a vs pool b', control: 1.41, treatment: 1.2, control_slo: 1, treatment_slo: 1 })).json()) as { metrics: unknown[] };
    expect(first.metrics).toEqual([]); // no interval from one segment
    const rows = [[1.4, 1.2, 1.02], [1.5, 1.25, 0.97], [1.3, 1.18, 1.01], [1.45, 1.3, 0.99], [1.38, 1.2, 1.0], [1.42, 1.22, 0.98]];
    for (const [c, t, slo] of rows) {
      expect((await post('pools', { name: 'pool a vs pool b', control: c, treatment: t, control_slo: 1, treatment_slo: slo })).status).toBe(201);
    }
    const r = await post('pools', { control: 1.36, treatment: 1.21, control_slo: 1, treatment_slo: 0.99 });
    const view = (await r.json()) as { verdict: string; metrics: Array<{ metric: string; upper: number }> };
    expect(view.verdict).toBe('treatment_better (8 segments)');
    expect(view.metrics[0].upper).toBeLessThan(0);
    for (const s of [4, 4.5, 3.9]) await post('harm', { control: 1.4, treatment: 1.0, control_slo: 1, treatment_slo: s });
    const all = (await (await fetch(`${base}/v1/experiments`)).json()) as { experiments: Array<{ id: string; verdict: string }> };
    expect(all.experiments.map((e) => [e.id, e.verdict])).toEqual([
      ['nasa', 'treatment_better'],
      ['pools', 'treatment_better (8 segments)'],
      ['harm', 'stopped_slo_harm (3 segments)'],
    ]);
  });

  it('takes metric names, an SLO margin and a minimum sample from the segment that creates the experiment', async () => {
    const seg = (slo: number) => ({ control: 2, treatment: 1, control_slo: 0.01, treatment_slo: slo });
    await post('margin', { ...seg(0.03), metric: 'cost per 100 requests', slo_metric: '1 − Apdex', slo_margin: 0.05, min_segments: 3 });
    await post('margin', seg(0.031));
    const v = (await (await post('margin', seg(0.029))).json()) as { verdict: string; reason: string; segments: number; metrics: Array<{ metric: string }> };
    // SLO worse by 0.02 every time: a harm with margin 0, not with margin 0.05; and 3 segments suffice.
    expect(v.verdict).toBe('treatment_better (3 segments)');
    expect(v.segments).toBe(3);
    expect(v.reason).toMatch(/excludes 0/);
    expect(v.metrics.map((m) => m.metric)).toEqual(['cost per 100 requests', '1 − Apdex']);
    for (let i = 0; i < 3; i++) await post('nomargin', seg(0.03 + i / 1000));
    const all = (await (await fetch(`${base}/v1/experiments`)).json()) as { experiments: Array<{ id: string; verdict: string }> };
    expect(all.experiments.find((e) => e.id === 'nomargin')?.verdict).toBe('stopped_slo_harm (3 segments)');
    const bad = await post('margin2', { ...seg(0), slo_margin: -1 });
    expect(((await bad.json()) as { message: string }).message).toMatch(/^slo_margin: /);
  });

  it('needs the bearer token to post and names the bad field', async () => {
    expect((await post('x', { control: 1, treatment: 1, control_slo: 0, treatment_slo: 0 }, 'wrong-token-wrong-token')).status).toBe(401);
    const bad = await post('x', { control: 1, treatment: 'a', control_slo: 0, treatment_slo: 0 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^treatment: /);
    expect((await post('bad id!', { control: 1, treatment: 1, control_slo: 0, treatment_slo: 0 })).status).toBe(400);
  });
});
