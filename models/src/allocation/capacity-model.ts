import { median } from 'simple-statistics';

/** One observation of the fleet: traffic received, hosts serving, and their mean CPU utilisation (0–1). */
export interface CapacitySample {
  readonly requests: number;
  readonly hosts: number;
  readonly utilisation: number;
}

/** Samples at or above this utilisation are saturated (traffic beyond capacity is not seen) and skipped. */
export const SATURATED_UTILISATION = 0.99;
/** Theil–Sen is O(n²) in pairs: fit on at most this many samples, evenly spread. */
export const MAX_FIT_SAMPLES = 300;

/**
 * Tier 1's learned relationship between traffic, CPU and hosts (after US patent 10,715,387): busy hosts
 * (hosts × utilisation) = intercept + slope × requests, fitted by Theil–Sen regression (medians from
 * simple-statistics), which shrugs off outliers. The hosts needed for a traffic level at a target utilisation follow from it.
 */
export class CapacityModel {
  private constructor(
    /** Busy hosts at zero traffic (background work). */
    readonly intercept: number,
    /** Busy hosts per request per minute. */
    readonly slope: number,
    /** Samples the fit used (0 for a model built from a nominal capacity). */
    readonly samples: number,
  ) {}

  /** A model from a known per-host capacity (requests per minute at full utilisation), before any data. */
  static nominal(capacityPerHost: number): CapacityModel {
    if (!(capacityPerHost > 0)) throw new RangeError(`capacityPerHost must be > 0, got ${capacityPerHost}`);
    return new CapacityModel(0, 1 / capacityPerHost, 0);
  }

  /** Fits the model, or returns undefined when fewer than `minSamples` unsaturated samples with traffic exist. */
  static fit(samples: readonly CapacitySample[], minSamples = 30): CapacityModel | undefined {
    const usable = samples.filter((s) => s.requests > 0 && s.hosts > 0 && s.utilisation > 0 && s.utilisation < SATURATED_UTILISATION);
    if (usable.length < minSamples) return undefined;
    const step = usable.length / Math.min(usable.length, MAX_FIT_SAMPLES);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < usable.length; i += step) {
      const s = usable[Math.floor(i)];
      x.push(s.requests);
      y.push(s.hosts * s.utilisation);
    }
    // Theil–Sen: the slope is the median of the pairwise slopes, the intercept the median of y − slope·x.
    const slopes: number[] = [];
    for (let i = 0; i < x.length; i++) {
      for (let j = i + 1; j < x.length; j++) if (x[j] !== x[i]) slopes.push((y[j] - y[i]) / (x[j] - x[i]));
    }
    if (slopes.length === 0) return undefined;
    const slope = median(slopes);
    if (!(slope > 0)) return undefined;
    const intercept = median(x.map((xi, i) => y[i] - slope * xi));
    return new CapacityModel(Math.max(0, intercept), slope, usable.length);
  }

  /** Requests per minute one host serves at full utilisation. */
  get capacityPerHost(): number {
    return 1 / this.slope;
  }

  /** Hosts needed to serve `requests` per minute at `targetUtilisation` (at least 1). */
  hostsFor(requests: number, targetUtilisation: number): number {
    if (!(targetUtilisation > 0 && targetUtilisation <= 1)) throw new RangeError(`targetUtilisation must be in (0, 1], got ${targetUtilisation}`);
    const busy = this.intercept + this.slope * Math.max(0, requests);
    // The relative tolerance keeps an exact fit from rounding r / C = 100 up to 101.
    return Math.max(1, Math.ceil(busy / targetUtilisation - 1e-9 * Math.max(1, busy)));
  }
}
