import { defaultCapacity, type SimConfig } from '@shadowfleet/models';
import { shippedActuationDelay } from './actuation-delay';

/** Simulator flags as commander hands them over (strings, unset when absent). */
export interface SimFlags {
  capacity?: string;
  coldStart?: string;
  shadowActivation?: string;
  shadowCost?: string;
  actuationDelay?: string;
}

/** BENCHMARKS.md section 1 defaults. */
export const SIM_DEFAULTS = { coldStart: 5, shadowActivation: 1, shadowCost: 0.1 } as const;

function numberFlag(flag: string, value: string | undefined, fallback: number, rule: 'positive' | 'minutes' | 'nonnegative'): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`${flag} must be a number, got "${value}"`);
  if (rule === 'positive' && !(n > 0)) throw new Error(`${flag} must be > 0, got ${value}`);
  if (rule === 'minutes' && !(Number.isInteger(n) && n >= 0)) throw new Error(`${flag} must be a whole number of minutes ≥ 0, got ${value}`);
  if (rule === 'nonnegative' && !(n >= 0)) throw new Error(`${flag} must be ≥ 0, got ${value}`);
  return n;
}

/** `--actuation-delay`'s help, with the default it takes. */
export function actuationDelayHelp(): string {
  let value = '';
  try {
    value = ` ${shippedActuationDelay().steps.toFixed(3)},`;
  } catch {
    // Without the provisioning folder the help still says where the default comes from.
  }
  return `steps (fractional) from a decision until the fleet changes; 0 acts at once (the numbers before the delay was modelled); default${value} derived from the shipped Prometheus, Alertmanager and webhook settings (docs/simulation.md)`;
}

/** Turns the flags into a validated simulator configuration (capacity defaults to max(r) / 100, the actuation delay to the shipped path's). */
export function simConfigFromFlags(flags: SimFlags, requests: ArrayLike<number>): SimConfig {
  const capacity = flags.capacity === undefined ? defaultCapacity(requests) : numberFlag('--capacity', flags.capacity, 0, 'positive');
  return {
    capacity,
    coldStart: numberFlag('--cold-start', flags.coldStart, SIM_DEFAULTS.coldStart, 'minutes'),
    shadowActivation: numberFlag('--shadow-activation', flags.shadowActivation, SIM_DEFAULTS.shadowActivation, 'minutes'),
    shadowCost: numberFlag('--shadow-cost', flags.shadowCost, SIM_DEFAULTS.shadowCost, 'nonnegative'),
    actuationDelay: flags.actuationDelay === undefined ? shippedActuationDelay().steps : numberFlag('--actuation-delay', flags.actuationDelay, 0, 'nonnegative'),
  };
}
