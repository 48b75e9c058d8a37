import { policyStrategy, segmentMetrics, simulate, type SimMetrics } from '@shadowfleet/models';
import { policyForPool, simConfigFor } from '../allocation/pool-settings';
import { BACKEND, getJson, startChain, type ChainOptions } from './chain';
import { drive, loadAverage } from './drive';
import { agreement, productionReport, servingSummary, type ProductionReport, type ServingSummary } from './measure';
import { delayedMetrics, measurePathDelay, type PathDelay } from './path-delay';
import { replayPorts } from './ports';
import { SHIPPED_DECISION_INTERVAL_SECONDS } from './time-scale';
import { readSetHostsOutcomes } from './webhook-actions';

export interface ReplayOptions extends Omit<ChainOptions, 'ports' | 'dataDir'> {
  /** First of the 5 loopback ports (exporter, webhook, Prometheus, Alertmanager, HAProxy). */
  readonly portBase: number;
}

export interface ReplayReport {
  /** The policy's strategy the manager ran (and the simulation): `tiered`, or a baseline (--strategy). */
  readonly strategy: string;
  readonly slice: { readonly start: string; readonly minutes: number; readonly warm_minutes: number };
  readonly speed: number;
  readonly capacity_per_host: number;
  readonly servers: number;
  readonly http: { readonly weight: number; readonly service_ms: number; readonly queue_timeout_ms: number };
  readonly production: ProductionReport & {
    readonly decisions: number;
    /** The strategies the manager's decisions of the slice name (one: the policy's). */
    readonly decided_by: readonly string[];
    /** The webhook's set_hosts intents by outcome (its own counter). */
    readonly webhook_set_hosts: Record<string, number>;
    readonly host_starts: { readonly warm: number; readonly cold: number };
  };
  readonly simulated: SimMetrics & { readonly serving: ServingSummary };
  readonly agreement: Record<string, number | boolean>;
  /** The real path's delay from decision to HAProxy, measured, and the simulation with the fleet that many whole minutes late. */
  readonly path_delay?: PathDelay;
  readonly simulated_with_path_delay?: SimMetrics;
  readonly agreement_with_path_delay?: Record<string, number | boolean>;
  readonly lag_ms: Record<string, number>;
  readonly load_average: { readonly before: string; readonly after: string };
  readonly wall_seconds: number;
}

/**
 * `shadowfleet replay`: the real chain (exporter deciding, Prometheus with the shipped rules,
 * Alertmanager, the webhook acting on a real HAProxy, worker hosts with a fixed capacity) on a slice of
 * a per-minute trace at X× real time, measured from HAProxy and the pool, and the same slice simulated
 * with the same manager and policy.
 */
export async function runReplay(o: ReplayOptions): Promise<ReplayReport> {
  const started = Date.now();
  const before = loadAverage();
  const { slice, progress } = o;
  const chain = await startChain({ ...o, ports: replayPorts(o.portBase) });
  try {
    const { lb, agent, exporterUrl, token, t0, stepMs, pool, policy, capacity, servers, counts, weight, serviceMs, queueTimeoutMs } = chain;
    const live = slice.requests.slice(slice.warmMinutes);
    const speed = o.speed;
    const run = await drive({ haproxy: lb, backend: BACKEND, agent, exporterUrl, token, requests: live, counts: counts.slice(slice.warmMinutes), t0, stepMs, speed, settleMs: queueTimeoutMs + 2 * serviceMs + 250, progress, signal: o.signal });
    const kept = (await getJson<{ decisions: Array<{ at: string; strategy: string; desired: { serving: number } }> }>(`${exporterUrl}/v1/decisions?limit=1000`)).decisions;
    const inSlice = kept.filter((d) => Date.parse(d.at) >= t0);
    const decisions = inSlice.length;
    const webhookSetHosts = await readSetHostsOutcomes(chain.stack.urls.webhook);
    const pathDelay = measurePathDelay(kept.map((d) => ({ at: Date.parse(d.at), serving: d.desired.serving })), agent.changes, stepMs);

    // The same slice, simulated with the same manager, policy and settings per step.
    const config = simConfigFor(pool, SHIPPED_DECISION_INTERVAL_SECONDS);
    const sim = simulate(slice.requests, policyStrategy(policyForPool(policy, pool, SHIPPED_DECISION_INTERVAL_SECONDS), { synthesiseUtilisation: false }), config, { timeline: true });
    const simRows = sim.timeline!.slice(slice.warmMinutes, slice.warmMinutes + slice.minutes);
    const simulated = { ...segmentMetrics(sim, slice.warmMinutes, slice.warmMinutes + slice.minutes), serving: servingSummary(simRows.map((r) => r.serving)) };
    const delayed = pathDelay ? delayedMetrics(sim, slice.warmMinutes, slice.warmMinutes + slice.minutes, pathDelay.shift_minutes) : undefined;
    const production = { ...productionReport(live, run.recorder.minutes, capacity, config.coldStart, config.shadowCost, weight), decisions, decided_by: [...new Set(inSlice.map((d) => d.strategy))], webhook_set_hosts: webhookSetHosts, host_starts: { ...agent.starts } };
    return {
      strategy: policy.strategy,
      slice: { start: new Date(slice.startMs).toISOString(), minutes: slice.minutes, warm_minutes: slice.warmMinutes },
      speed,
      capacity_per_host: capacity,
      servers,
      http: { weight, service_ms: serviceMs, queue_timeout_ms: queueTimeoutMs },
      production,
      simulated,
      agreement: agreement(production, simulated),
      path_delay: pathDelay,
      ...(delayed ? { simulated_with_path_delay: delayed, agreement_with_path_delay: agreement(production, delayed) } : {}),
      lag_ms: run.lag,
      load_average: { before, after: loadAverage() },
      wall_seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await chain.stop();
  }
}
