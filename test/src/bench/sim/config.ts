import { defaultCapacity, type SimConfig } from '@shadowfleet/models';
import { shippedActuationDelay } from '@shadowfleet/exporter';

/**
 * The simulator settings the benches share: BENCHMARKS.md §1's defaults (Lc 5, Ls 1, ks 0.1, C = max(r)/100)
 * and the real path's actuation delay, derived from the shipped configuration in one place
 * (exporter/src/sim/actuation-delay.ts; docs/simulation.md). The number is never copied here.
 */
export function benchSimConfig(requests: ArrayLike<number>): SimConfig & { readonly actuationDelay: number } {
  return { capacity: defaultCapacity(requests), ...BENCH_LEAD_TIMES, actuationDelay: shippedActuationDelay().steps };
}

/** BENCHMARKS.md §1's lead times and standby cost (minutes, host-minutes per standby minute). */
export const BENCH_LEAD_TIMES = { coldStart: 5, shadowActivation: 1, shadowCost: 0.1 } as const;

/** What a bench result says about the delay it ran with (the derivation, term by term). */
export function benchActuationDelay(): { steps: number; seconds: number; source: string } {
  const d = shippedActuationDelay();
  return { steps: d.steps, seconds: d.seconds, source: 'shipped default, derived from provisioning/ (exporter/src/sim/actuation-delay.ts)' };
}
