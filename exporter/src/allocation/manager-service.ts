import { Fleet, policyStrategy, TraceHistory, type ExternalForecast, type FleetActions, type ObservedMix, type PoolDefinition, type PoolModel, type ScalingDecision, type SimConfig, type Strategy } from '@shadowfleet/models';
import type { PolicyVersion } from '../policy/store';
import type { StepQuery } from '../store/load-per-step';
import { allocateClasses } from './classes';
import { actingTier, explain, tierNumbers, TIER_NAMES, type FleetObservation, type PoolDecision } from './decision';
import { policyForPool, simConfigFor } from './pool-settings';

/** Decisions kept for GET /v1/decisions (all pools, newest last). */
export const MAX_KEPT_DECISIONS = 1000;
/** Steps of requests the observed profile mix is counted over: the last hour. */
const MIX_STEPS = (stepSeconds: number): number => Math.max(1, Math.round(3600 / stepSeconds));
/** Real observations kept per pool for tier 1's capacity model (a day of minutes). */
const MAX_OBSERVATIONS = 1440;

export interface ManagerServiceOptions {
  readonly pools: PoolModel;
  /** The policy in force and its version (PolicyStore.current). */
  readonly policy: () => PolicyVersion;
  /** A pool's load per step from the store (DuckDB aggregates the events the pool serves: its `serves` selector). */
  readonly load: (q: StepQuery, pool: string) => Promise<number[]>;
  /** The behaviour-aware forecast of the site's load, in the pool model's unit per step, when there is one (single-pool models only). */
  readonly external?: (stepSeconds: number) => ExternalForecast | undefined;
  /** Requests per profile to a pool over [fromMs, toMs) (the observed profile mix the capacity classes split by). */
  readonly mix?: (fromMs: number, toMs: number, pool: string) => Promise<Readonly<Record<string, number>> | undefined>;
  /** The real fleet of a pool in the last step, when it can be observed. */
  readonly observe?: (pool: string, definition: PoolDefinition) => Promise<FleetObservation | undefined>;
  readonly stepSeconds: number;
  /** Steps of history replayed to warm a pool's manager up (at start and after a policy change). */
  readonly historySteps: number;
  readonly now?: () => number;
}

interface PoolState {
  readonly version: number;
  readonly strategy: Strategy;
  readonly fleet: Fleet;
  readonly config: SimConfig;
  readonly values: number[];
  readonly advanceTo: (t: number) => void;
  readonly history: TraceHistory;
  /** Absolute step (epoch ms / step ms) of values[0]. */
  readonly origin: number;
  /** The manager's last decision (the strategy reports it through onDecision) and the actions of the last step. */
  readonly seen: { last?: { t: number; decision: ScalingDecision } };
  lastActions: FleetActions;
}

/**
 * The resource manager, on a schedule: every step (SHADOWFLEET_DECISION_INTERVAL_SECONDS) it decides per
 * pool what the fleet should be, from the load per step (aggregated by DuckDB), the behaviour-aware
 * forecast and the policy in force, and keeps each decision with its numbers. It runs the same strategy
 * code with the same policy object as `shadowfleet simulate` (policyStrategy): a pool's manager is warmed
 * up by replaying its recent history through that strategy, then advanced one step per decision. A new
 * policy version rebuilds it the same way, so the next decision carries the new version. Metrics read
 * `latest()`; nothing is computed at scrape time.
 */
export class ManagerService {
  private readonly states = new Map<string, PoolState>();
  private readonly observations = new Map<string, Map<number, { hosts: number; utilisation: number }>>();
  private readonly kept: PoolDecision[] = [];
  private readonly latestByPool = new Map<string, PoolDecision>();
  private running: Promise<void> | undefined;
  readonly stepMs: number;

  constructor(private readonly o: ManagerServiceOptions) {
    if (!(o.stepSeconds >= 1)) throw new RangeError(`decision interval must be ≥ 1 second, got ${o.stepSeconds}`);
    this.stepMs = Math.round(o.stepSeconds * 1000);
  }

  get poolModel(): PoolModel {
    return this.o.pools;
  }

  /** The latest decision of each pool. */
  latest(): PoolDecision[] {
    return [...this.latestByPool.values()];
  }

  /** Kept decisions, newest first. */
  decisions(limit = MAX_KEPT_DECISIONS): PoolDecision[] {
    return this.kept.slice(-limit).reverse();
  }

  /** The load per step a pool's manager has seen, and its simulator settings (for policy previews). */
  history(pool: string): { values: readonly number[]; config: SimConfig } | undefined {
    const s = this.states.get(pool);
    return s ? { values: [...s.values], config: s.config } : undefined;
  }

  /** Decides for the current step of every pool (calls made while one runs share it). */
  tick(): Promise<void> {
    this.running ??= this.decideAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async decideAll(): Promise<void> {
    const step = Math.floor((this.o.now ?? Date.now)() / this.stepMs);
    for (const [name, pool] of Object.entries(this.o.pools.pools)) await this.decidePool(name, pool, step);
  }

  private async decidePool(name: string, pool: PoolDefinition, step: number): Promise<void> {
    const policy = this.o.policy();
    const observed = await this.o.observe?.(name, pool).catch(() => undefined);
    if (observed?.utilisation !== undefined) this.remember(name, step - 1, observed.serving, observed.utilisation);
    let state = this.states.get(name);
    if (!state || state.version !== policy.version) {
      state = await this.warmUp(name, pool, policy, step);
      this.states.set(name, state);
    } else {
      const end = state.origin + state.values.length;
      if (step <= end) return;
      const fresh = await this.o.load({ fromMs: end * this.stepMs, toMs: step * this.stepMs, stepMs: this.stepMs, unit: this.o.pools.complexityUnit }, name);
      // Every step but the last is caught up without the live forecast; the last is the decision for now.
      for (const v of fresh) {
        state.values.push(v);
        this.advance(name, state, state.values.length === step - state.origin ? this.o.external?.(this.o.stepSeconds) : undefined);
      }
    }
    const mix = pool.capacityClasses ? await this.o.mix?.((step - MIX_STEPS(this.o.stepSeconds)) * this.stepMs, step * this.stepMs, name).catch(() => undefined) : undefined;
    this.record(name, pool, policy, state, observed ?? null, step, mix && Object.keys(mix).length > 0 ? [{ startMs: step * this.stepMs, mix }] : undefined);
  }

  private async warmUp(name: string, pool: PoolDefinition, policy: PolicyVersion, step: number): Promise<PoolState> {
    const from = step - this.o.historySteps;
    const loaded = await this.o.load({ fromMs: from * this.stepMs, toMs: step * this.stepMs, stepMs: this.stepMs, unit: this.o.pools.complexityUnit }, name);
    // Start at the first step with load (at least the last step), so that an empty past does not teach the forecaster zeros.
    let first = loaded.findIndex((v) => v > 0);
    if (first < 0) first = loaded.length - 1;
    const values = loaded.slice(first);
    const config = simConfigFor(pool, this.o.stepSeconds);
    const seen: PoolState['seen'] = {};
    const { history, advanceTo } = TraceHistory.open(values);
    const state: PoolState = {
      version: policy.version,
      config,
      values,
      history,
      advanceTo,
      origin: from + first,
      fleet: new Fleet(Math.max(pool.min, 1, Math.ceil(values[0] / config.capacity - 1e-9)), config),
      strategy: policyStrategy(policyForPool(policy.policy, pool, this.o.stepSeconds), {
        synthesiseUtilisation: false,
        onDecision: (t, decision) => (seen.last = { t, decision }),
      }),
      seen,
      lastActions: {},
    };
    for (let t = 1; t <= values.length; t++) this.advance(name, state, t === values.length ? this.o.external?.(this.o.stepSeconds) : undefined, t);
    return state;
  }

  /** One step of the strategy at t = values.length (history r_0 … r_{t-1}). */
  private advance(name: string, s: PoolState, external: ExternalForecast | undefined, t = s.values.length): void {
    s.fleet.advance(t);
    s.advanceTo(t);
    const obs = this.observations.get(name)?.get(s.origin + t - 1);
    const actions = s.strategy.decide({ t, history: s.history, fleet: s.fleet.snapshot(), config: s.config, ...(obs ? { observed: obs } : {}), ...(external ? { external } : {}) });
    s.fleet.apply(t, actions);
    s.lastActions = actions;
  }

  private remember(pool: string, step: number, hosts: number, utilisation: number): void {
    let m = this.observations.get(pool);
    if (!m) this.observations.set(pool, (m = new Map()));
    if (hosts > 0) m.set(step, { hosts, utilisation });
    while (m.size > MAX_OBSERVATIONS) m.delete(m.keys().next().value!);
  }

  private record(name: string, pool: PoolDefinition, policy: PolicyVersion, s: PoolState, observed: FleetObservation | null, step: number, mix: ObservedMix[] | undefined): void {
    const f = s.fleet;
    const actions = s.lastActions;
    const decision = s.seen.last?.t === s.values.length ? s.seen.last.decision : undefined;
    const serving = Math.min(pool.max, Math.max(pool.min, f.serving + f.bootingReadyAt.length + f.activatingReadyAt.length));
    const standby = f.standby + f.shadowBootingReadyAt.length;
    const byTier = tierNumbers(decision, serving);
    const tier = actingTier(actions, f.activatingReadyAt.length, serving, byTier['1']);
    const unit = this.o.pools.complexityUnit;
    const perStep = (v: number): number => v / this.o.stepSeconds;
    const t1 = decision?.tiers[0].numbers;
    const t2 = decision?.tiers[1];
    const configured = pool.hostCapacity!;
    const samples = t1?.capacity_samples ?? 0;
    const inForce = t1 ? perStep(t1.capacity_per_host) : configured;
    const p = policyForPool(policy.policy, pool, this.o.stepSeconds);
    const d: PoolDecision = {
      at: new Date(step * this.stepMs).toISOString(),
      decided_at: new Date((this.o.now ?? Date.now)()).toISOString(),
      pool: name,
      step_seconds: this.o.stepSeconds,
      policy_version: policy.version,
      strategy: policy.policy.strategy,
      desired: { serving, standby, tier, tier_name: TIER_NAMES[tier], by_tier: byTier },
      actions,
      load: { unit, last_step: s.values[s.values.length - 1] ?? 0, history_steps: s.values.length },
      forecast: t2?.forecast
        ? {
            value: t2.forecast.value,
            point: t2.forecast.point,
            quantile: t2.forecast.quantile,
            horizon_steps: t2.forecast.horizon,
            unit: `${unit} per ${this.o.stepSeconds} s step`,
            behaviour: t2.numbers.external_forecast ?? null,
          }
        : null,
      capacity: { per_host: inForce, unit: `${unit}/s`, source: samples > 0 ? 'learned' : 'configured', configured, learned: samples > 0 ? inForce : null, samples },
      fleet: {
        model: { serving: f.serving, booting: f.bootingReadyAt.length + f.shadowBootingReadyAt.length, standby: f.standby, activating: f.activatingReadyAt.length },
        observed,
      },
      cooldowns: { scale_up_steps: p.cooldowns.scaleUpMinutes, scale_down_steps: p.cooldowns.scaleDownMinutes },
      explanation: explain(decision, unit, this.o.stepSeconds, policy.policy.strategy),
      // Profiles' capacity classes (pool model): tier 2's forecast split into dedicated and best-effort hosts.
      ...(pool.capacityClasses && decision ? { capacity_classes: allocateClasses(decision, pool.capacityClasses, mix) } : {}),
    };
    this.latestByPool.set(name, d);
    this.kept.push(d);
    if (this.kept.length > MAX_KEPT_DECISIONS) this.kept.splice(0, this.kept.length - MAX_KEPT_DECISIONS);
  }
}
