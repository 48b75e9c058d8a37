/** Capacity classes a behavioural profile can be given in configuration. */
export const CAPACITY_CLASSES = ['dedicated', 'best_effort'] as const;
export type CapacityClass = (typeof CAPACITY_CLASSES)[number];

/** Configuration: which class each profile gets; profiles not listed get `defaultClass`. */
export interface CapacityClassConfig {
  readonly profiles: Readonly<Record<string, CapacityClass>>;
  readonly defaultClass?: CapacityClass;
}

/** Forecast load of one profile in requests per minute: point and upper quantile. */
export interface ProfileLoad {
  readonly profile: string;
  readonly point: number;
  readonly upper: number;
}

export interface PoolAllocation {
  readonly pool: CapacityClass;
  readonly hosts: number;
  readonly profiles: readonly string[];
  /** Requests per minute the pool was sized for. */
  readonly sizedFor: number;
  /** Hosts the pool wanted before any budget cut. */
  readonly wanted: number;
  readonly reason: string;
}

/** Checks a capacity class configuration, naming the offending profile. */
export function validateCapacityClasses(config: CapacityClassConfig): CapacityClassConfig {
  for (const [profile, cls] of Object.entries(config.profiles)) {
    if (!(CAPACITY_CLASSES as readonly string[]).includes(cls)) {
      throw new RangeError(`capacity class of profile "${profile}" must be one of ${CAPACITY_CLASSES.join(', ')}, got "${cls}"`);
    }
  }
  if (config.defaultClass !== undefined && !(CAPACITY_CLASSES as readonly string[]).includes(config.defaultClass)) {
    throw new RangeError(`defaultClass must be one of ${CAPACITY_CLASSES.join(', ')}, got "${config.defaultClass}"`);
  }
  return config;
}

/**
 * Splits capacity by profile class. Dedicated profiles get their own pool sized for their upper
 * forecast (guaranteed); best-effort profiles share a pool sized for their point forecast. Under a host
 * budget, best effort is cut first, then dedicated. `hostsFor` turns requests per minute into hosts
 * (tier 1's capacity model); each pool gets at least one host while it has any load.
 */
export function allocateByProfile(
  loads: readonly ProfileLoad[],
  config: CapacityClassConfig,
  hostsFor: (requestsPerMinute: number) => number,
  budget?: number,
): PoolAllocation[] {
  validateCapacityClasses(config);
  if (budget !== undefined && !(Number.isInteger(budget) && budget >= 0)) throw new RangeError(`budget must be a whole number of hosts ≥ 0, got ${budget}`);
  const seen = new Set<string>();
  const members: Record<CapacityClass, string[]> = { dedicated: [], best_effort: [] };
  const load: Record<CapacityClass, number> = { dedicated: 0, best_effort: 0 };
  for (const l of loads) {
    if (seen.has(l.profile)) throw new RangeError(`profile "${l.profile}" appears twice in the loads`);
    seen.add(l.profile);
    if (!(l.point >= 0 && l.upper >= l.point)) throw new RangeError(`load of profile "${l.profile}" needs 0 ≤ point ≤ upper, got ${l.point}, ${l.upper}`);
    const cls = config.profiles[l.profile] ?? config.defaultClass ?? 'best_effort';
    members[cls].push(l.profile);
    load[cls] += cls === 'dedicated' ? l.upper : l.point;
  }
  const wanted = (cls: CapacityClass): number => (load[cls] > 0 ? hostsFor(load[cls]) : 0);
  const dedicatedWanted = wanted('dedicated');
  const bestEffortWanted = wanted('best_effort');
  const dedicated = budget === undefined ? dedicatedWanted : Math.min(dedicatedWanted, budget);
  const bestEffort = budget === undefined ? bestEffortWanted : Math.min(bestEffortWanted, budget - dedicated);
  const cut = (got: number, want: number): string => (got < want ? `; cut from ${want} by the budget of ${budget}` : '');
  return [
    {
      pool: 'dedicated',
      hosts: dedicated,
      profiles: members.dedicated,
      sizedFor: load.dedicated,
      wanted: dedicatedWanted,
      reason: `upper forecast of the dedicated profiles${cut(dedicated, dedicatedWanted)}`,
    },
    {
      pool: 'best_effort',
      hosts: bestEffort,
      profiles: members.best_effort,
      sizedFor: load.best_effort,
      wanted: bestEffortWanted,
      reason: `point forecast of the best-effort profiles${cut(bestEffort, bestEffortWanted)}`,
    },
  ];
}
