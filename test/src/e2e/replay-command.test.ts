import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../support/index';

/**
 * `shadowfleet replay` on a bundled slice (data/samples, no ../shared needed): 16 minutes of NASA's
 * afternoon of 3 July 1995, where the load doubles (64 → 122 requests a minute), through the real chain
 * at 30× — the exporter deciding, Prometheus with the shipped rules, Alertmanager, the webhook acting
 * on a real HAProxy with worker hosts — about a minute of wall time.
 */
jest.setTimeout(240_000);

const bin = path.join(repoRoot, 'exporter', 'bin', 'shadowfleet.js');
const TRACE = path.join(repoRoot, 'data', 'samples', 'nasa-http-rate', 'nasa_1995-07-01_to_03_requests_per_minute.csv.gz');
const METRICS = ['tau_U', 'theta_U', 'unserved_pct', 'cost_host_minutes', 'oracle_cost_host_minutes', 'cost_ratio'];

interface Serving {
  first: number;
  last: number;
  min: number;
  max: number;
  mean: number;
}
interface Report {
  production: Record<string, number> & { serving: Serving; decisions: number; http: { served: number } };
  simulated: Record<string, number> & { serving: Serving };
  agreement: Record<string, number | boolean>;
  lag_ms: Record<string, number>;
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('shadowfleet replay (real chain, bundled slice)', () => {
  let report: Report;

  beforeAll(async () => {
    // Below Linux's ephemeral range (32768+), where the worker hosts' own ports (bound to port 0) land.
    const portBase = 20_000 + (process.pid % 2400) * 5;
    const args = ['replay', '--trace', TRACE, '--from', '1995-07-03T14:42:00-04:00', '--hours', String(16 / 60), '--warm-hours', '2', '--speed', '30', '--port-base', String(portBase), '--json'];
    const run = await runCli(args);
    if (run.code !== 0) throw new Error(`shadowfleet ${args.join(' ')} exited ${run.code}:\n${run.stderr.slice(-4000)}`);
    report = JSON.parse(run.stdout) as Report;
  });

  it('reports production, simulated and agreement with the metrics of BENCHMARKS.md section 1', () => {
    for (const side of [report.production, report.simulated]) for (const m of METRICS) expect(Number.isFinite(side[m])).toBe(true);
    expect(Object.keys(report.agreement).sort()).toEqual(['cost_ratio_difference', 'cost_relative', 'tau_U_points', 'theta_U_points', 'unserved_points', 'within_goal']);
    expect(report.production.minutes).toBe(16);
    expect(report.production.http.served).toBeGreaterThan(0);
  });

  it('moved real hosts: the manager decided every step and the pool HAProxy served from grew with the load', () => {
    expect(report.production.decisions).toBeGreaterThanOrEqual(16);
    expect(report.production.serving.max).toBeGreaterThan(report.production.serving.min);
    expect(report.production.serving.last).toBeGreaterThan(report.production.serving.first);
  });

  it('agrees in direction with the simulation of the same slice', () => {
    expect(Math.sign(report.simulated.serving.last - report.simulated.serving.first)).toBe(Math.sign(report.production.serving.last - report.production.serving.first));
    expect(Math.abs(report.production.serving.mean - report.simulated.serving.mean)).toBeLessThanOrEqual(0.3 * report.simulated.serving.mean);
  });
});
