import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot, shadowfleetBin } from '../support/index';

/**
 * The e2e set-up of `shadowfleet replay` on a bundled slice (data/samples, no ../shared needed): 16
 * minutes of NASA's afternoon of 3 July 1995, where the load doubles (64 → 122 requests a minute), through
 * the real chain at 30× (exporter deciding, Prometheus with the shipped rules, Alertmanager, the webhook
 * acting on a real HAProxy with worker hosts), about a minute of wall time; the compiled command in its
 * own process, as a person runs it.
 */
const bin = shadowfleetBin;
const TRACE = path.join(repoRoot, 'data', 'samples', 'nasa-http-rate', 'nasa_1995-07-01_to_03_requests_per_minute.csv.gz');
export const SLICE_MINUTES = 16;

export interface Serving {
  first: number;
  last: number;
  min: number;
  max: number;
  mean: number;
}
export interface ReplayCliReport {
  strategy: string;
  production: Record<string, number> & {
    serving: Serving;
    decisions: number;
    decided_by: string[];
    webhook_set_hosts: Record<string, number>;
    host_starts: { warm: number; cold: number; cold_from_booting: number };
    http: { served: number };
  };
  simulated: Record<string, number> & { serving: Serving };
  setup: { warm_events: number; posted_s_before_t0: number; decision_at: string; serving: number; standby: number };
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

/** The command line (after the node binary) of a replay of the bundled slice, `minutes` long, with these extra flags. */
export function bundledSliceArgs(extra: readonly string[] = [], portOffset = 0, minutes = SLICE_MINUTES): string[] {
  // Below Linux's ephemeral range (32768+), where the worker hosts' own ports (bound to port 0) land.
  const portBase = 20_000 + ((process.pid + portOffset) % 2400) * 5;
  return [bin, 'replay', '--trace', TRACE, '--from', '1995-07-03T14:42:00-04:00', '--hours', String(minutes / 60), '--warm-hours', '2', '--speed', '30', '--port-base', String(portBase), ...extra, '--json'];
}

/** Runs the bundled slice with these extra flags (e.g. `--strategy predictive`) and returns the --json report. */
export async function replayBundledSlice(extra: string[] = [], portOffset = 0): Promise<ReplayCliReport> {
  const [, ...args] = bundledSliceArgs(extra, portOffset);
  const run = await runCli(args);
  if (run.code !== 0) throw new Error(`shadowfleet ${args.join(' ')} exited ${run.code}:\n${run.stderr.slice(-4000)}`);
  return JSON.parse(run.stdout) as ReplayCliReport;
}
