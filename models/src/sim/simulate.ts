import { actuate, checkActuationDelay } from './actuation';
import { demandSeries } from './demand';
import { Fleet } from './fleet';
import { TraceHistory } from './history';
import { elasticityMetrics, oracleCost } from './metrics';
import type { SimConfig, SimMetrics, Strategy, TimelineRow } from './types';

/** Result of one simulation: the metrics and, when asked for, one row per minute. */
export interface SimResult {
  readonly strategy: string;
  readonly config: SimConfig;
  readonly metrics: SimMetrics;
  readonly timeline?: TimelineRow[];
}

export interface SimulateOptions {
  /** Keep one TimelineRow per minute (memory: about 100 bytes per minute). */
  readonly timeline?: boolean;
}

/** Checks simulator settings, naming the field and the problem. */
export function validateSimConfig(c: SimConfig): SimConfig {
  if (!(Number.isFinite(c.capacity) && c.capacity > 0)) throw new RangeError(`capacity must be > 0, got ${c.capacity}`);
  if (!(Number.isInteger(c.coldStart) && c.coldStart >= 0)) {
    throw new RangeError(`cold start must be a whole number of minutes ≥ 0, got ${c.coldStart}`);
  }
  if (!(Number.isInteger(c.shadowActivation) && c.shadowActivation >= 0)) {
    throw new RangeError(`shadow activation must be a whole number of minutes ≥ 0, got ${c.shadowActivation}`);
  }
  if (!(Number.isFinite(c.shadowCost) && c.shadowCost >= 0)) throw new RangeError(`shadow cost must be ≥ 0, got ${c.shadowCost}`);
  if (c.actuationDelay !== undefined) checkActuationDelay(c.actuationDelay);
  return c;
}

/**
 * Replays a per-minute request trace through a simulated fleet (semantics version 1). The fleet starts
 * with d_0 serving hosts; at the start of every minute t ≥ 1 the strategy sees r_0 … r_{t-1} and the
 * fleet as its own actions left it (the books, as the exporter's manager keeps them). With
 * `config.actuationDelay` δ the real fleet follows the books δ later and minutes are measured the way
 * the replay measures production (actuation.ts); with δ = 0 (the default) actions take effect before
 * minute t is served.
 */
export function simulate(requests: ArrayLike<number>, strategy: Strategy, config: SimConfig, options: SimulateOptions = {}): SimResult {
  validateSimConfig(config);
  const T = requests.length;
  if (T === 0) throw new RangeError('the trace has no minutes to simulate');
  const demand = demandSeries(requests, config.capacity);
  const book = { serving: new Int32Array(T), booting: new Int32Array(T), standby: new Int32Array(T), activating: new Int32Array(T), cost: new Float64Array(T) };
  const fleet = new Fleet(demand[0], config);
  const { history, advanceTo } = TraceHistory.open(requests);
  for (let t = 0; t < T; t++) {
    fleet.advance(t);
    if (t > 0) {
      advanceTo(t);
      fleet.apply(t, strategy.decide({ t, history, fleet: fleet.snapshot(), config }));
    }
    book.serving[t] = fleet.serving;
    book.booting[t] = fleet.bootingReadyAt.length + fleet.shadowBootingReadyAt.length;
    book.standby[t] = fleet.standby;
    book.activating[t] = fleet.activatingReadyAt.length;
    book.cost[t] = fleet.fullPriceHosts + config.shadowCost * fleet.standby;
  }
  const real = actuate(book, config.actuationDelay ?? 0);
  const metrics = elasticityMetrics({
    requests,
    demand,
    supply: real.supply,
    capacity: config.capacity,
    cost: real.cost.reduce((a, b) => a + b, 0),
    oracleCost: oracleCost(demand, config.coldStart),
  });
  const timeline: TimelineRow[] | undefined = options.timeline
    ? Array.from({ length: T }, (_, t) => ({
        minute: t,
        requests: requests[t],
        demand: demand[t],
        serving: real.supply[t],
        booting: real.booting[t],
        standby: real.standby[t],
        activating: real.activating[t],
        cost: real.cost[t],
      }))
    : undefined;
  return { strategy: strategy.name, config, metrics, timeline };
}
