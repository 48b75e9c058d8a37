import { TDigest } from 'tdigest';
import type { BehaviourEvent } from '../events';
import { isError, observedCost, type ComplexityBasis } from './cost';

/** Where a score came from, most specific first. */
export type ScoreSource = 'action+dataType' | 'action' | 'global' | 'default';

export interface ActionScore {
  readonly action: string;
  readonly dataType?: string;
  /** Complexity units of one such action: median cost × (1 + error rate), see ComplexityScorer. */
  readonly units: number;
  readonly median: number;
  readonly p90: number;
  readonly samples: number;
  readonly errorRate: number;
}

export interface ScorerOptions {
  readonly basis: ComplexityBasis;
  /** Observations a key needs before its own median is trusted (else the scorer falls back). */
  readonly minSamples: number;
  /** Most distinct (action, data type) keys tracked; later new keys count under action "other". */
  readonly maxKeys: number;
}

export const SCORER_DEFAULTS: ScorerOptions = { basis: 'bytes', minSamples: 5, maxKeys: 2000 };

/** Name under which actions beyond `maxKeys` are tracked. */
export const OTHER_ACTION = 'other';

class KeyStats {
  readonly digest = new TDigest(0.01, 25);
  samples = 0;
  events = 0;
  errors = 0;

  add(cost: number | undefined, error: boolean): void {
    this.events++;
    if (error) this.errors++;
    if (cost !== undefined) {
      this.digest.push(cost);
      this.samples++;
    }
  }

  quantile(q: number): number {
    return this.samples === 0 ? NaN : (this.digest.percentile(q) as number);
  }

  units(): number {
    return this.quantile(0.5) * (1 + this.errors / Math.max(1, this.events));
  }
}

/**
 * Learns what each action (and data type) costs from observed events, robustly: a t-digest per key
 * (the `tdigest` package) gives streaming medians and p90s that outliers barely move. The score of an
 * action is its median cost times (1 + error rate) — each error answer is taken to cause one retry.
 * Unknown or rarely seen keys fall back to the action, then to the median over all events, then 1.
 * A sequence's score is the sum of its actions' scores. Units: "complexity units" of the basis.
 */
export class ComplexityScorer {
  readonly options: ScorerOptions;
  private readonly keys = new Map<string, KeyStats>();
  private readonly actions = new Map<string, KeyStats>();
  private readonly all = new KeyStats();

  constructor(options: Partial<ScorerOptions> = {}) {
    this.options = { ...SCORER_DEFAULTS, ...options };
    if (!(Number.isInteger(this.options.minSamples) && this.options.minSamples >= 1)) {
      throw new Error(`minSamples must be an integer ≥ 1, got ${this.options.minSamples}`);
    }
    if (!(Number.isInteger(this.options.maxKeys) && this.options.maxKeys >= 1)) throw new Error(`maxKeys must be an integer ≥ 1, got ${this.options.maxKeys}`);
  }

  observe(event: BehaviourEvent): void {
    const cost = observedCost(event, this.options.basis);
    const error = isError(event);
    let action = event.action;
    let key = keyOf(action, event.dataType);
    if (!this.keys.has(key) && this.keys.size >= this.options.maxKeys) {
      action = OTHER_ACTION;
      key = keyOf(OTHER_ACTION, undefined);
    }
    getOrAdd(this.keys, key).add(cost, error);
    getOrAdd(this.actions, action).add(cost, error);
    this.all.add(cost, error);
  }

  observeAll(events: Iterable<BehaviourEvent>): this {
    for (const e of events) this.observe(e);
    return this;
  }

  /** Complexity units of one action, with where the figure came from. */
  score(action: string, dataType?: string): { units: number; source: ScoreSource } {
    const min = this.options.minSamples;
    const exact = this.keys.get(keyOf(action, dataType));
    if (exact && exact.samples >= min) return { units: exact.units(), source: dataType === undefined ? 'action' : 'action+dataType' };
    const byAction = this.actions.get(action);
    if (byAction && byAction.samples >= min) return { units: byAction.units(), source: 'action' };
    if (this.all.samples >= min) return { units: this.all.units(), source: 'global' };
    return { units: 1, source: 'default' };
  }

  /** Sum of the scores of a sequence of actions. */
  sequenceScore(actions: Iterable<{ action: string; dataType?: string }>): number {
    let total = 0;
    for (const a of actions) total += this.score(a.action, a.dataType).units;
    return total;
  }

  /** Mean units per event over everything observed (median-based per key, weighted by volume). */
  meanUnitsPerEvent(): number {
    let sum = 0;
    let n = 0;
    for (const [key, s] of this.keys) {
      const [action, dataType] = splitKey(key);
      sum += this.score(action, dataType).units * s.events;
      n += s.events;
    }
    return n === 0 ? 1 : sum / n;
  }

  /** Every learned key, most frequent first. */
  snapshot(): ActionScore[] {
    return [...this.keys.entries()]
      .sort((a, b) => b[1].events - a[1].events)
      .map(([key, s]) => {
        const [action, dataType] = splitKey(key);
        return {
          action,
          ...(dataType === undefined ? {} : { dataType }),
          units: this.score(action, dataType).units,
          median: s.quantile(0.5),
          p90: s.quantile(0.9),
          samples: s.samples,
          errorRate: s.errors / Math.max(1, s.events),
        };
      });
  }

  get events(): number {
    return this.all.events;
  }
}

const SEP = '\u0000';
const keyOf = (action: string, dataType: string | undefined): string => (dataType === undefined ? action : `${action}${SEP}${dataType}`);
const splitKey = (key: string): [string, string | undefined] => {
  const i = key.indexOf(SEP);
  return i < 0 ? [key, undefined] : [key.slice(0, i), key.slice(i + 1)];
};
function getOrAdd(map: Map<string, KeyStats>, key: string): KeyStats {
  let s = map.get(key);
  if (!s) map.set(key, (s = new KeyStats()));
  return s;
}
