import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostsToHold, type Policy, type PoolDefinition } from '@shadowfleet/models';
import { ALERTMANAGER, HAPROXY, PROMETHEUS, requireBinary } from '../stack/binaries';
import { provisioningDir } from '../stack/configs';
import { startStack, type RunningStack } from '../stack/stack';
import { serverName, startReplayHaproxy, type ReplayHaproxy } from './haproxy';
import { HostAgent } from '../hosts/host-agent';
import { followPoolTarget } from './pool-target';
import { awaitSetUpDecision, sliceStartMs, type KeptDecision } from './setup';
import { postEvents, minuteEvents, requestCounts, requestWeight, type ReplaySlice } from './load';
import type { ReplayStrategy } from './options';
import { checkPortsFree, type ReplayPorts } from './ports';
import { checkSpeed, scaledAlertmanager, scaledExporterEnv, scaledPool, scaledPrometheusIntervals, scaledRules, SHIPPED_DECISION_INTERVAL_SECONDS } from './time-scale';
import { startWorkerHosts, type WorkerHosts } from '../hosts/worker-hosts';
import type { Progress } from '../progress';

/** What the real chain of a replay is built for: the slice, the speed and the hosts' size. */
export interface ChainOptions {
  readonly slice: ReplaySlice;
  readonly speed: number;
  /**
   * The allocation policy's strategy the exporter's manager runs (default `tiered`, the product). A
   * baseline is selected as an operator would, by saving the policy with it (PUT /v1/policy): the same
   * manager, rules, Alertmanager and webhook then act on the baseline's targets.
   */
  readonly strategy?: ReplayStrategy;
  /** C: trace requests per minute one host serves (default: the slice's busiest minute / peakHosts). */
  readonly capacity?: number;
  readonly peakHosts: number;
  /** Servers in the backend (the pool's max); default 2 × the slice's peak demand, at least 4. */
  readonly servers?: number;
  /** Most HTTP requests per wall second the busiest minute sends (see load.ts). */
  readonly maxRequestsPerSecond: number;
  readonly ports: ReplayPorts;
  /** The stack's data folder (default: a temporary folder, removed at stop). */
  readonly dataDir?: string;
  /** Where the chain reports its steps, and its processes their output (docs/cli.md). */
  readonly progress: Progress;
  /** PATH the binaries are looked up on (tests narrow it). */
  readonly searchPath?: string;
  /** Aborting it (Ctrl-C) stops the start. */
  readonly signal?: AbortSignal;
}

/** The running chain, warmed up, with the slice's first minute due at t0. */
export interface Chain {
  readonly lb: ReplayHaproxy;
  readonly stack: RunningStack;
  readonly agent: HostAgent;
  readonly exporterUrl: string;
  readonly token: string;
  readonly t0: number;
  readonly stepMs: number;
  readonly pool: PoolDefinition;
  readonly policy: Policy;
  readonly capacity: number;
  readonly servers: number;
  /** HTTP requests per minute of the whole slice (warm-up included) and the trace requests each stands for. */
  readonly counts: readonly number[];
  readonly weight: number;
  readonly serviceMs: number;
  readonly queueTimeoutMs: number;
  /** How the pool was set up before t0. */
  readonly setup: ChainSetUp;
  stop(): Promise<void>;
}

/** The pool's set-up before the slice (setup.ts): the decision it followed, and the warm-up's size and margin. */
export interface ChainSetUp {
  readonly warm_events: number;
  /** Wall seconds between the warm-up's policy save and t0. */
  readonly posted_s_before_t0: number;
  /** The step of the manager's decision the pool was set up from (the step before the slice). */
  readonly decision_at: string;
  readonly serving: number;
  readonly standby: number;
}

export const BACKEND = 'web';

/** The shipped pool model's first pool: the lead times, standby cost and cooldown a replay scales. */
function shippedPool(): PoolDefinition {
  const model = JSON.parse(readFileSync(path.join(provisioningDir, 'pools.json'), 'utf8')) as { pools: Record<string, PoolDefinition> };
  return Object.values(model.pools)[0];
}

export async function getJson<T>(url: string, token?: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

export interface LatestDecision {
  desired: { serving: number; standby: number; tier: number; tier_name: string };
  load: { last_step: number };
  forecast?: { value: number };
}

/** The latest decision of the replay's pool, when there is one. */
export async function latestDecision(exporterUrl: string): Promise<LatestDecision | undefined> {
  return (await getJson<{ latest: LatestDecision[] }>(`${exporterUrl}/v1/decisions?limit=1`)).latest[0];
}

/**
 * Starts the real chain of a replay — worker hosts, HAProxy, then the stack (exporter, webhook acting,
 * Alertmanager and Prometheus with time-scaled copies of the shipped config) — posts the warm-up minutes,
 * has the manager rebuild from them, and sets the pool up from the rebuilt manager's decision for the step
 * before t0 (setup.ts).
 */
export async function startChain(o: ChainOptions): Promise<Chain> {
  const speed = checkSpeed(o.speed);
  const { slice, progress } = o;
  for (const spec of [HAPROXY, PROMETHEUS, ALERTMANAGER]) requireBinary(spec, o.searchPath);
  const ports = o.ports;
  await checkPortsFree(ports);
  const live = slice.requests.slice(slice.warmMinutes);
  const capacity = o.capacity ?? Math.max(...live) / o.peakHosts;
  if (!(capacity > 0)) throw new RangeError(`capacity must be > 0 requests per minute, got ${capacity} (is the slice empty?)`);
  const peakDemand = Math.ceil(Math.max(...slice.requests) / capacity);
  const servers = o.servers ?? Math.max(4, 2 * peakDemand);
  const shipped = shippedPool();
  const stepMs = (SHIPPED_DECISION_INTERVAL_SECONDS / speed) * 1000;
  const weight = requestWeight(slice, speed, o.maxRequestsPerSecond);
  const counts = requestCounts(slice.requests as number[], weight);
  // A host serves C trace requests a trace minute: C / weight HTTP requests in one step.
  const serviceMs = (stepMs * weight) / capacity;
  const queueTimeoutMs = stepMs / 4;
  // HAProxy's config and socket and the scaled rules live in a temporary folder (a short socket path), the stack's data in dataDir.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-replay-'));
  const token = randomBytes(24).toString('hex');
  const pool: PoolDefinition = {
    ...shipped,
    driver: 'haproxy',
    options: { socket: path.join(dir, 'haproxy.sock'), backend: BACKEND, servers: Array.from({ length: servers }, (_, i) => serverName(i)), drainTimeoutSeconds: 30 },
    min: 1,
    max: servers,
    hostCapacity: capacity / 60,
  };
  const stops: Array<() => Promise<void>> = [];
  try {
    const hosts: WorkerHosts = await startWorkerHosts(BACKEND, servers, serviceMs, progress);
    stops.push(hosts.stop);
    o.signal?.throwIfAborted();
    const lb: ReplayHaproxy = await startReplayHaproxy({ port: ports.haproxy, backend: BACKEND, addresses: hosts.addresses, serving: 1, queueTimeoutMs, dir }, progress, o.searchPath);
    stops.push(lb.stop);
    o.signal?.throwIfAborted();
    const rulesFile = path.join(dir, 'shadowfleet-scaling.yml');
    writeFileSync(rulesFile, scaledRules(speed));
    const intervals = scaledPrometheusIntervals(speed);
    const stack: RunningStack = await startStack({
      dataDir: o.dataDir ?? path.join(dir, 'data'),
      exporterPort: ports.exporter,
      webhookPort: ports.webhook,
      prometheusPort: ports.prometheus,
      alertmanagerPort: ports.alertmanager,
      exporterArgs: ['--no-samples'],
      progress,
      searchPath: o.searchPath,
      signal: o.signal,
      overrides: {
        poolModel: { complexityUnit: 'cost', pools: { [BACKEND]: scaledPool(pool, speed) } },
        webhookConfig: { poolsFile: 'pools.json', rateLimit: { maxChanges: 20, windowSeconds: 60 / speed }, drainTimeoutSeconds: 30 / speed, actionTimeoutSeconds: 120 / speed },
        ruleFiles: [rulesFile],
        alertmanagerConfig: scaledAlertmanager(speed),
        scrapeInterval: intervals.scrape,
        evaluationInterval: intervals.evaluation,
        // The LSTM and profile rebuilds would take the cores the replay needs; the manager runs without them (docs/replay.md).
        exporterEnv: { ...scaledExporterEnv(speed), SHADOWFLEET_AUTH_TOKEN: token, SHADOWFLEET_RETRAIN_MINUTES: '0', SHADOWFLEET_PROFILE_REBUILD_MINUTES: '0' },
      },
    });
    stops.push(stack.stop);
    o.signal?.throwIfAborted();
    const exporterUrl = stack.urls.exporter;

    // Warm-up: the minutes before the slice, one per step ending at t0, then a policy save so that the manager rebuilds from them.
    const history = slice.requests.slice(0, slice.warmMinutes);
    const warmEvents = history.reduce((n, r, i) => n + (r > 0 ? Math.max(1, counts[i]) : 0), 0);
    const t0 = sliceStartMs(Date.now(), { minutes: history.length, events: warmEvents }, stepMs);
    const events = history.flatMap((r, i) => minuteEvents(r, counts[i], t0 - (history.length - i) * stepMs, stepMs));
    await postEvents(exporterUrl, token, events);
    const inForce = (await getJson<{ policy: Policy }>(`${exporterUrl}/v1/policy`)).policy;
    const policy: Policy = { ...inForce, strategy: o.strategy ?? inForce.strategy };
    const { version } = await getJson<{ version: number }>(`${exporterUrl}/v1/policy`, token, { method: 'PUT', body: JSON.stringify(policy) });
    const postedAtMs = Date.now();
    progress(`${history.length} warm-up minutes posted (${warmEvents} events, ${((t0 - postedAtMs) / 1000).toFixed(1)} s before the slice), the manager runs ${policy.strategy}; the slice starts at ${new Date(t0).toISOString()}`);

    // Before t0 the pool is set up as the rebuilt manager wants it for the step before the slice (setup.ts).
    const decided = await awaitSetUpDecision(async () => (await getJson<{ decisions: KeptDecision[] }>(`${exporterUrl}/v1/decisions?limit=20`)).decisions, { version, t0, stepMs, postedAtMs, signal: o.signal });
    const initial = Math.min(servers, Math.max(1, decided.desired.serving));
    for (let i = 0; i < initial; i++) {
      await lb.command(`set server ${BACKEND}/${serverName(i)} state ready`);
      await lb.command(`set server ${BACKEND}/${serverName(i)} weight 100`);
    }
    const standby = decided.desired.standby;
    const setup: ChainSetUp = { warm_events: warmEvents, posted_s_before_t0: (t0 - postedAtMs) / 1000, decision_at: decided.at, serving: initial, standby };
    progress(`pool set up from the decision of ${decided.at}: ${initial} serving, ${standby} standby`);
    // The agent keeps standby as every provider is told to: from Prometheus's shadowfleet:desired_pool_hosts.
    const poolTarget = followPoolTarget(stack.urls.prometheus, BACKEND, hostsToHold({ serving: initial, standby }), stepMs / 4);
    stops.push(async () => poolTarget.stop());
    const agent = new HostAgent(
      {
        backend: BACKEND,
        servers,
        coldStartMs: (shipped.coldStartSeconds * 1000) / speed,
        activationMs: (shipped.activationSeconds * 1000) / speed,
        standbyCost: shipped.standbyCost,
        command: lb.command,
        poolTarget: poolTarget.read,
        log: () => undefined,
      },
      initial,
      standby,
    );
    const stop = async (): Promise<void> => {
      for (const s of stops.reverse()) await s().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    };
    return { lb, stack, agent, exporterUrl, token, t0, stepMs, pool, policy, capacity, servers, counts, weight, serviceMs, queueTimeoutMs, setup, stop };
  } catch (err) {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
