import { seededRandom } from '../random';

/** What the bandit knows about one arm. */
export interface ArmStats {
  readonly pulls: number;
  /** Mean loss of the arm's segments (NaN before its first pull). */
  readonly meanLoss: number;
}

export interface ThompsonOptions {
  /** Seed of the sampling; default 1. */
  readonly seed?: number;
  /** Loss variance assumed until two pulls of some arm give an estimate; default 1. */
  readonly priorVariance?: number;
}

/**
 * Thompson sampling for losses (lower is better) with Gaussian noise: each arm's mean loss has the
 * posterior N(mean_i, s² / n_i), s² the variance pooled over arms (losses of one setting vary from
 * segment to segment far more than they differ between settings, so one shared noise level is learnt
 * faster than one per arm). Every arm is played once first, in order; then the arm with the lowest
 * sampled mean is played.
 */
export class GaussianThompson {
  private readonly n: number[];
  private readonly sum: number[];
  private readonly sumSq: number[];
  private readonly random: () => number;
  private readonly priorVariance: number;

  constructor(
    readonly arms: number,
    options: ThompsonOptions = {},
  ) {
    if (!(Number.isInteger(arms) && arms >= 1)) throw new RangeError(`arms must be a whole number ≥ 1, got ${arms}`);
    this.priorVariance = options.priorVariance ?? 1;
    if (!(this.priorVariance > 0)) throw new RangeError(`priorVariance must be > 0, got ${this.priorVariance}`);
    this.n = new Array<number>(arms).fill(0);
    this.sum = new Array<number>(arms).fill(0);
    this.sumSq = new Array<number>(arms).fill(0);
    this.random = seededRandom(options.seed ?? 1);
  }

  /** Records the loss measured for one segment played with `arm`. */
  update(arm: number, loss: number): void {
    if (!(Number.isInteger(arm) && arm >= 0 && arm < this.arms)) throw new RangeError(`arm must be in 0 … ${this.arms - 1}, got ${arm}`);
    if (!Number.isFinite(loss)) throw new RangeError(`loss must be a finite number, got ${loss}`);
    this.n[arm]++;
    this.sum[arm] += loss;
    this.sumSq[arm] += loss * loss;
  }

  /** Pooled within-arm variance of the losses (the prior until some arm has two pulls). */
  pooledVariance(): number {
    let ss = 0;
    let dof = 0;
    for (let i = 0; i < this.arms; i++) {
      if (this.n[i] < 2) continue;
      ss += this.sumSq[i] - (this.sum[i] * this.sum[i]) / this.n[i];
      dof += this.n[i] - 1;
    }
    return dof > 0 ? Math.max(ss / dof, 1e-12) : this.priorVariance;
  }

  /** The arm to play next. */
  select(): number {
    const unplayed = this.n.indexOf(0);
    if (unplayed >= 0) return unplayed;
    const variance = this.pooledVariance();
    let best = 0;
    let bestDraw = Infinity;
    for (let i = 0; i < this.arms; i++) {
      const draw = this.sum[i] / this.n[i] + Math.sqrt(variance / this.n[i]) * this.normal();
      if (draw < bestDraw) {
        bestDraw = draw;
        best = i;
      }
    }
    return best;
  }

  /** Pulls and mean loss of every arm. */
  stats(): ArmStats[] {
    return this.n.map((pulls, i) => ({ pulls, meanLoss: pulls > 0 ? this.sum[i] / pulls : Number.NaN }));
  }

  /** The arm with the lowest mean loss so far (the most pulled among ties). */
  bestArm(): number {
    let best = 0;
    for (let i = 1; i < this.arms; i++) {
      const m = (k: number): number => (this.n[k] > 0 ? this.sum[k] / this.n[k] : Infinity);
      if (m(i) < m(best) || (m(i) === m(best) && this.n[i] > this.n[best])) best = i;
    }
    return best;
  }

  /** A standard normal draw (Box–Muller). */
  private normal(): number {
    const u = 1 - this.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.random());
  }
}
