import { policyStrategy, segmentMetrics, simulate, type SimMetrics } from '@shadowfleet/models';
import { shippedActuationDelay } from '../sim/actuation-delay';
import { policyForPool, simConfigFor } from '../allocation/pool-settings';
import { BACKEND, getJson, startChain, type ChainOptions, type ChainSetUp } from './chain';
import { drive, loadAverage } from './drive';
import { agreement, productionReport, servingSummary, type ProductionReport, type ServingSummary } from './measure';
import { countingStarts, measurePathDelay, measurePathDelayParts, type PathDelay, type PathDelayParts } from './path-delay';
import { replayPorts } from './ports';
import { SHIPPED_DECISION_INTERVAL_SECONDS } from './time-scale';
import { readFileSync } from 'node:fs';
import { readSetHostsOutcomes, readSetPointIntents } from './webhook-actions';

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
  /** The pool before the first minute: from the rebuilt manager's decision for the step before the slice. */
  readonly setup: ChainSetUp;
  readonly production: ProductionReport & {
    readonly decisions: number;
    /** The strategies the manager's decisions of the slice name (one: the policy's). */
    readonly decided_by: readonly string[];
    /** The webhook's set_hosts intents by outcome (its own counter). */
    readonly webhook_set_hosts: Record<string, number>;
    /** Servers turned ready that found a warm standby host or none; of the cold ones, those that took a standby host already booting (docs/pools.md#standby-providers-what-to-follow). */
    readonly host_starts: { readonly warm: number; readonly cold: number; readonly cold_from_booting: number };
  };
  /** The same slice simulated with the actuation delay the run measured (the shipped default when it measured none). */
  readonly simulated: SimMetrics & { readonly serving: ServingSummary; readonly host_starts: { readonly activations: number; readonly cold_launches: number } };
  readonly agreement: Record<string, number | boolean>;
  /** The real path's delay from decision to HAProxy, measured. */
  readonly path_delay?: PathDelay;
  /** The same delay by part (Prometheus, Alertmanager, webhook) for the set-points applied, and the derivation's terms grouped the same way. */
  readonly path_delay_parts?: { readonly measured: PathDelayParts; readonly derived: Record<keyof Omit<PathDelayParts, 'matched'>, number> };
  /** The simulation's actuation delay and where it came from; the shipped default for comparison. */
  readonly actuation_delay: { readonly steps: number; readonly source: 'measured median' | 'shipped default'; readonly shipped_default_steps: number };
  /** The simulation with decisions acting at once (as before the delay was modelled), for comparison. */
  readonly simulated_at_once: SimMetrics;
  readonly lag_ms: Record<string, number>;
  readonly load_average: { readonly before: string; readonly after: string };
  readonly wall_seconds: number;
}

/** The shipped derivation's terms (docs/simulation.md), in steps, grouped as the measured parts are. */
function derivedParts(): Record<keyof Omit<PathDelayParts, 'matched'>, number> {
  const { terms } = shippedActuationDelay();
  const step = SHIPPED_DECISION_INTERVAL_SECONDS;
  return {
    exporter: terms.decision_offset / step,
    prometheus: (terms.scrape + terms.evaluation + terms.rule_for) / step,
    alertmanager: terms.alertmanager / step,
    webhook: (terms.webhook + terms.cooldown_beyond_step) / step,
  };
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
    const kept = (await getJson<{ decisions: Array<{ at: string; decided_at: string; strategy: string; desired: { serving: number } }> }>(`${exporterUrl}/v1/decisions?limit=1000`)).decisions;
    const inSlice = kept.filter((d) => Date.parse(d.at) >= t0);
    const decisions = inSlice.length;
    const webhookSetHosts = await readSetHostsOutcomes(chain.stack.urls.webhook);
    const decided = kept.map((d) => ({ at: Date.parse(d.at), decidedAt: Date.parse(d.decided_at), serving: d.desired.serving }));
    const pathDelay = measurePathDelay(decided, agent.changes, stepMs);
    const tokenFile = chain.stack.webhookTokenFile;
    const intents = tokenFile ? await readSetPointIntents(chain.stack.urls.webhook, readFileSync(tokenFile, 'utf8').trim(), BACKEND) : [];
    const parts = measurePathDelayParts(decided, intents, stepMs);

    // The same slice, simulated with the same manager, policy and settings per step, and the path's delay.
    const shipped = shippedActuationDelay().steps;
    const actuation = pathDelay ? { steps: pathDelay.median_steps, source: 'measured median' as const } : { steps: shipped, source: 'shipped default' as const };
    const [start, end] = [slice.warmMinutes, slice.warmMinutes + slice.minutes];
    const simulateWith = (actuationDelay: number) => {
      const { strategy, starts } = countingStarts(policyStrategy(policyForPool(policy, pool, SHIPPED_DECISION_INTERVAL_SECONDS), { synthesiseUtilisation: false }), start);
      const sim = simulate(slice.requests, strategy, { ...simConfigFor(pool, SHIPPED_DECISION_INTERVAL_SECONDS), actuationDelay }, { timeline: true });
      return { sim, starts };
    };
    const { sim, starts } = simulateWith(actuation.steps);
    const config = sim.config;
    const simRows = sim.timeline!.slice(start, end);
    const simulated = { ...segmentMetrics(sim, start, end), serving: servingSummary(simRows.map((r) => r.serving)), host_starts: starts };
    const atOnce = segmentMetrics(simulateWith(0).sim, start, end);
    const production = { ...productionReport(live, run.recorder.minutes, capacity, config.coldStart, config.shadowCost, weight), decisions, decided_by: [...new Set(inSlice.map((d) => d.strategy))], webhook_set_hosts: webhookSetHosts, host_starts: { ...agent.starts, cold_from_booting: agent.coldFromBooting } };
    return {
      strategy: policy.strategy,
      slice: { start: new Date(slice.startMs).toISOString(), minutes: slice.minutes, warm_minutes: slice.warmMinutes },
      speed,
      capacity_per_host: capacity,
      servers,
      http: { weight, service_ms: serviceMs, queue_timeout_ms: queueTimeoutMs },
      setup: chain.setup,
      production,
      simulated,
      agreement: agreement(production, simulated),
      path_delay: pathDelay,
      ...(parts ? { path_delay_parts: { measured: parts, derived: derivedParts() } } : {}),
      actuation_delay: { ...actuation, shipped_default_steps: shipped },
      simulated_at_once: atOnce,
      lag_ms: run.lag,
      load_average: { before, after: loadAverage() },
      wall_seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await chain.stop();
  }
}
