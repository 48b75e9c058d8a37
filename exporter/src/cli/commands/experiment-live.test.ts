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
      webhook: { url: 'http://127.0.0.1:9' },
      pools_file: 'pools.json',
      exporter: { url: 'http://127.0.0.1:9' },
      arms: [
        { pool: 'pool_a', strategy: 'hpa' },
        { pool: 'pool_b', strategy: 'tiered' },
      ],
      capacity_per_host: 100,
      minutes: 30,
      ...overrides,
    };
    writeFileSync(file, JSON.stringify(body));
    return file;
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-live-cli-'));
    const pool = { driver: 'local', max: 2 };
    writeFileSync(path.join(dir, 'pools.json'), JSON.stringify({ complexityUnit: 'requests', pools: { pool_a: pool, pool_b: pool } }));
  });
  beforeEach(() => {
    delete process.env.SHADOWFLEET_AUTH_TOKEN;
    delete process.env.SHADOWFLEET_WEBHOOK_TOKEN;
  });
  afterAll(() => {
    if (savedToken === undefined) delete process.env.SHADOWFLEET_AUTH_TOKEN;
    else process.env.SHADOWFLEET_AUTH_TOKEN = savedToken;
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains itself with --help: its options and what it changes', async () => {
    const r = await run(['--help']);
    expect((r.error as { code?: string }).code).toBe('commander.helpDisplayed');
    expect(r.out).toContain('Usage: shadowfleet experiment live [options]');
    for (const flag of ['--config <file>', '--token <token>', '--webhook-token <token>', '--json']) expect(r.out).toContain(flag);
    expect(r.out).toContain('goes to the webhook as a set_hosts set-point');
    const parent = await run([]);
    expect(parent.error?.message).toContain("required option '--config <file>' not specified");
  });

  it('leaves the offline experiment as it was: --trace still required there', async () => {
    await expect(buildProgram().configureOutput({ writeErr: () => undefined }).parseAsync(['node', 'shadowfleet', 'experiment', '--a', 'hpa'])).rejects.toThrow(
      "required option '--trace <file>' not specified",
    );
  });

  it('names the bad field of the config file', async () => {
    const r = await run(['--config', config({ arms: [{ pool: 'pool_a', strategy: 'best' }, { pool: 'pool_b', strategy: 'hpa' }] })]);
    expect(r.error?.message).toMatch(/ab-\w+\.json: arms\.0\.strategy: must be one of tiered, hpa/);
  });

  it('refuses to run without the exporter\'s and the webhook\'s tokens, with an arm the pool model lacks, then without a reachable HAProxy socket', async () => {
    const file = config();
    expect((await run(['--config', file])).error?.message).toBe('exporter token: required for POST /v1/experiments/:id/segments — pass --token, set SHADOWFLEET_AUTH_TOKEN or exporter.token_file');
    expect((await run(['--config', file, '--token', 'x'.repeat(32)])).error?.message).toBe('webhook token: required to send set-points to the webhook — pass --webhook-token, set SHADOWFLEET_WEBHOOK_TOKEN or webhook.token_file');
    expect((await run(['--config', config({ webhook: { url: 'http://127.0.0.1:9', token_file: 'no-such-token' } }), '--token', 'x'.repeat(32)])).error?.message).toMatch(/^webhook\.token_file .*no-such-token: cannot read it \(ENOENT\)$/);
    const unknownPool = config({ arms: [{ pool: 'pool_a', strategy: 'hpa' }, { pool: 'pool_z', strategy: 'hpa' }] });
    expect((await run(['--config', unknownPool, '--token', 'x'.repeat(32), '--webhook-token', 'w'.repeat(32)])).error?.message).toMatch(/^arms\.1\.pool: "pool_z" is not a pool of .*pools\.json \(it has pool_a, pool_b\)$/);
    process.env.SHADOWFLEET_WEBHOOK_TOKEN = 'w'.repeat(32);
    const r = await run(['--config', file, '--token', 'x'.repeat(32), '--json']);
    expect(r.error?.message).toMatch(/^haproxy_socket .*missing\.sock: cannot reach it \(ENOENT\)/);
    // --json reaches `live` (commander parses it as the offline experiment's --json; live reads both).
    const live = r.program.commands.find((c) => c.name() === 'experiment')!.commands.find((c) => c.name() === 'live')!;
    expect(live.optsWithGlobals()).toMatchObject({ json: true, token: 'x'.repeat(32) });
    process.env.SHADOWFLEET_AUTH_TOKEN = 'y'.repeat(32);
    expect((await run(['--config', file])).error?.message).toContain('cannot reach it (ENOENT)');
  });

  it('prints the verdict of each experiment and each arm\'s totals', () => {
    const setPoint = (outcome: 'accepted' | 'skipped') => ({ minute: 0, at: 0, pool: 'pool_a', target: 2, tier: 1 as const, outcome });
    const simulated = { minutes: 10, requests: 1000, cost: 48, costPer100Requests: 4.8, unservedPct: 1.25, underProvisionedPct: 10, meanServing: 2.4 };
    const arm = (backend: string, strategy: string, finalStrategy = strategy) => ({
      pool: backend, backend, strategy, finalStrategy, requests: 1000, cost: 50, costPer100Requests: 5, meanServing: 2.5, minutes: [], haproxyActive: [],
      setPoints: [setPoint('accepted'), setPoint('skipped')], hostStarts: { warm: 2, cold: 1 }, simulated,
      actuationDelay: { steps: 0.1, seconds: 0.05, step_seconds: 0.5, source: 'measured median over 3 changes', measured: { median_steps: 0.1, p10_steps: 0.08, p90_steps: 0.12, matched: 3 }, shipped_default_steps: 0.384 },
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
      '  2 set-point(s) to the webhook (1 accepted); host starts: 2 warm, 1 cold; simulated: 4.800 per 100 requests, 1.250 % unserved (actuation delay 0.100 step, measured)',
      'pool_b: fixed-1 → hpa, 1000 requests, 50.000 host-minutes (5.000 per 100 requests), mean 2.500 hosts serving, Apdex 0.970, p95 0.200 s',
      '  2 set-point(s) to the webhook (1 accepted); host starts: 2 warm, 1 cold; simulated: 4.800 per 100 requests, 1.250 % unserved (actuation delay 0.100 step, measured)',
      '10 minute(s), 0 segment(s)',
      '',
    ]);
  });
});
