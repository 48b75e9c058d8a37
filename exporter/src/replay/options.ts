import { POLICY_STRATEGIES, type Trace } from '@shadowfleet/models';
import { readTraceFile } from '../sim/trace-file';
import { sliceTrace, type ReplaySlice } from './load';
import { DEFAULT_PORT_BASE } from './ports';
import { checkSpeed } from './time-scale';

/** `shadowfleet replay` flags as commander hands them over. */
export interface ReplayFlags {
  trace?: string;
  from?: string;
  offsetHours?: string;
  hours: string;
  speed: string;
  warmHours: string;
  capacity?: string;
  peakHosts: string;
  servers?: string;
  maxRps: string;
  portBase: string;
  strategy: string;
  json?: boolean;
}

export const REPLAY_DEFAULTS = { hours: '6', speed: '60', warmHours: '24', peakHosts: '20', maxRps: '60', portBase: String(DEFAULT_PORT_BASE), strategy: 'tiered' } as const;

/** What the manager runs in a replay: the allocation policy's strategies (the product's `tiered`, or a baseline). */
export type ReplayStrategy = (typeof POLICY_STRATEGIES)[number];

/** --strategy: one of the policy's strategies (models/src/policy/schema.ts). */
export function replayStrategy(value: string): ReplayStrategy {
  const s = POLICY_STRATEGIES.find((name) => name === value);
  if (!s) throw new Error(`--strategy must be one of ${POLICY_STRATEGIES.join(', ')}, got "${value}"`);
  return s;
}

function num(flag: string, value: string, rule: (n: number) => boolean, what: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !rule(n)) throw new Error(`${flag} must be ${what}, got "${value}"`);
  return n;
}

/** The first minute of the slice: --from (ISO time within the trace) or --offset-hours (hours of rows from its start), else 0. */
export function sliceStart(trace: Trace, from?: string, offsetHours?: string): number {
  if (from !== undefined && offsetHours !== undefined) throw new Error('give at most one of --from and --offset-hours');
  if (offsetHours !== undefined) return Math.round(60 * num('--offset-hours', offsetHours, (n) => n >= 0, 'a number of hours ≥ 0'));
  if (from === undefined) return 0;
  const ms = Date.parse(from);
  if (!Number.isFinite(ms) || !/\d{4}-\d{2}-\d{2}/.test(from)) throw new Error(`--from must be an ISO 8601 time (1995-07-05T08:00:00Z), got "${from}"`);
  const i = Array.from(trace.timestamps).findIndex((s) => s * 1000 >= ms);
  const first = new Date(trace.timestamps[0] * 1000).toISOString();
  const last = new Date(trace.timestamps[trace.timestamps.length - 1] * 1000).toISOString();
  if (i < 0) throw new Error(`--from ${from} is after the trace's last minute (${last}); the trace spans ${first} … ${last}`);
  return i;
}

/** Reads the trace and checks every flag (each error names the flag and the problem). */
export function parseReplayFlags(f: ReplayFlags): { slice: ReplaySlice; strategy: ReplayStrategy; speed: number; capacity?: number; peakHosts: number; servers?: number; maxRequestsPerSecond: number; portBase: number } {
  if (!f.trace) throw new Error('--trace <file> is required: a per-minute trace (the formats of `shadowfleet simulate`)');
  const strategy = replayStrategy(f.strategy ?? REPLAY_DEFAULTS.strategy);
  const speed = checkSpeed(num('--speed', f.speed, (n) => n > 0, 'a number > 0'));
  const hours = num('--hours', f.hours, (n) => n > 0, 'a number of hours > 0');
  const warm = num('--warm-hours', f.warmHours, (n) => n >= 0 && n <= 48, 'a number of hours in 0 … 48 (the manager warms up on at most two days)');
  const trace = readTraceFile(f.trace);
  const slice = sliceTrace(trace, sliceStart(trace, f.from, f.offsetHours), Math.round(hours * 60), Math.round(warm * 60));
  return {
    slice,
    strategy,
    speed,
    capacity: f.capacity === undefined ? undefined : num('--capacity', f.capacity, (n) => n > 0, 'requests per minute > 0'),
    peakHosts: num('--peak-hosts', f.peakHosts, (n) => Number.isInteger(n) && n >= 1 && n <= 200, 'a whole number in 1 … 200'),
    servers: f.servers === undefined ? undefined : num('--servers', f.servers, (n) => Number.isInteger(n) && n >= 2 && n <= 500, 'a whole number in 2 … 500'),
    maxRequestsPerSecond: num('--max-rps', f.maxRps, (n) => n > 0 && n <= 2000, 'requests per second in (0, 2000]'),
    portBase: num('--port-base', f.portBase, (n) => Number.isInteger(n) && n >= 1024 && n <= 65530, 'a port in 1024 … 65530'),
  };
}
