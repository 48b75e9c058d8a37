import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../main';
import type { LiveRunResult } from '../../experiments';
import { formatLiveResult } from './experiment-live';

/** Runs `shadowfleet experiment live …`; returns stdout, stderr and the program (to read its parsed options). */
async function run(args: string[]): Promise<{ out: string; err: string; program: Command; error?: Error }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
  const program = buildProgram();
  let error: Error | undefined;
  try {
    await program.parseAsync(['node', 'shadowfleet', 'experiment', 'live', ...args]);
  } catch (x) {
    error = x as Error;
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return { out: out.join(''), err: err.join(''), program, error };
}

describe('shadowfleet experiment live', () => {
  let dir: string;
  const savedToken = process.env.SHADOWFLEET_AUTH_TOKEN;
  const config = (overrides: Record<string, unknown> = {}): string => {
    const file = path.join(dir, `ab-${Math.random().toString(36).slice(2)}.json`);
    const body = {
      haproxy_socket: path.join(dir, 'missing.sock'),
      exporter: { url: 'http://127.0.0.1:9' },
      arms: [
        { backend: 'pool_a', servers: ['a1', 'a2'], strategy: 'hpa' },
        { backend: 'pool_b', servers: ['b1', 'b2'], strategy: 'tiered' },
      ],
      capacity_per_host: 100,
      minutes: 30,
      ...overrides,
    };
    writeFileSync(file, JSON.stringify(body));
    return file;
  };

  beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-live-cli-'))));
  beforeEach(() => delete process.env.SHADOWFLEET_AUTH_TOKEN);
  afterAll(() => {
    if (savedToken === undefined) delete process.env.SHADOWFLEET_AUTH_TOKEN;
    else process.env.SHADOWFLEET_AUTH_TOKEN = savedToken;
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains itself with --help: its options and what it changes', async () => {
    const r = await run(['--help']);
    expect((r.error as { code?: string }).code).toBe('commander.helpDisplayed');
    expect(r.out).toContain('Usage: shadowfleet experiment live [options]');
    for (const flag of ['--config <file>', '--token <token>', '--json']) expect(r.out).toContain(flag);
    expect(r.out).toContain('the state (ready / maint) of the listed servers');
    const parent = await run([]);
    expect(parent.error?.message).toContain("required option '--config <file>' not specified");
  });

  it('leaves the offline experiment as it was: --trace still required there', async () => {
    await expect(buildProgram().configureOutput({ writeErr: () => undefined }).parseAsync(['node', 'shadowfleet', 'experiment', '--a', 'hpa'])).rejects.toThrow(
      "required option '--trace <file>' not specified",
    );
  });

  it('names the bad field of the config file', async () => {
    const r = await run(['--config', config({ arms: [{ backend: 'pool_a', servers: ['a1'], strategy: 'best' }, { backend: 'pool_b', servers: ['b1'], strategy: 'hpa' }] })]);
    expect(r.error?.message).toMatch(/ab-\w+\.json: arms\.0\.strategy: must be one of tiered, hpa/);
  });

  it('refuses to run without the exporter token, then without a reachable HAProxy socket', async () => {
    const file = config();
    expect((await run(['--config', file])).error?.message).toContain('exporter token: required for POST /v1/experiments/:id/segments');
    const r = await run(['--config', file, '--token', 'x'.repeat(32), '--json']);
    expect(r.error?.message).toMatch(/^haproxy_socket .*missing\.sock: cannot reach it \(ENOENT\)/);
    // --json reaches `live` (commander parses it as the offline experiment's --json; live reads both).
    const live = r.program.commands.find((c) => c.name() === 'experiment')!.commands.find((c) => c.name() === 'live')!;
    expect(live.optsWithGlobals()).toMatchObject({ json: true, token: 'x'.repeat(32) });
    process.env.SHADOWFLEET_AUTH_TOKEN = 'y'.repeat(32);
    expect((await run(['--config', file])).error?.message).toContain('cannot reach it (ENOENT)');
  });

  it('prints the verdict of each experiment and each arm\'s totals', () => {
    const arm = (backend: string, strategy: string, finalStrategy = strategy) => ({
      backend, strategy, finalStrategy, requests: 1000, cost: 50, costPer100Requests: 5, meanServing: 2.5, minutes: [], haproxyActive: [],
      kpis: { backend, requests: 1000, throughput_rps: 16.7, apdex: 0.97, latency_p50_seconds: 0.05, latency_p95_seconds: 0.2, latency_p99_seconds: 0.3 },
    });
    const r: LiveRunResult = {
      startedAt: 0, endedAt: 600_000, minutesRun: 10, aborted: false,
      arms: { pool_a: arm('pool_a', 'hpa'), pool_b: arm('pool_b', 'fixed-1', 'hpa') },
      segments: [],
      experimentSpecs: [{ id: 'b-vs-a', name: 'live: fixed vs hpa', control: 'pool_a', treatment: 'pool_b', sloMargin: 0.02, minSegments: 7 }],
      experiments: { 'b-vs-a': { id: 'b-vs-a', verdict: 'stopped_slo_harm (3 segments)', reason: 'SLO bound above margin', metrics: [{ metric: '1 − Apdex', control: 0.01, treatment: 0.5, difference: 0.49, lower: 0.3, upper: 0.7 }] } },
      stoppedAfterSegment: { 'b-vs-a': 3 },
    };
    expect(formatLiveResult(r).split('\n')).toEqual([
      'b-vs-a (live: fixed vs hpa): stopped_slo_harm (3 segments), stopped after segment 3 — SLO bound above margin',
      '  1 − Apdex: control 0.010, treatment 0.500, difference 0.490 (95 % interval 0.300 … 0.700)',
      'pool_a: hpa, 1000 requests, 50.000 host-minutes (5.000 per 100 requests), mean 2.500 hosts serving, Apdex 0.970, p95 0.200 s',
      'pool_b: fixed-1 → hpa, 1000 requests, 50.000 host-minutes (5.000 per 100 requests), mean 2.500 hosts serving, Apdex 0.970, p95 0.200 s',
      '10 minute(s), 0 segment(s)',
      '',
    ]);
  });
});
