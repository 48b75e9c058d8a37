import type { Policy } from '../../api/serverTypes.generated';

/** The exporter's policy types, generated from its zod schema into src/api (npm run generate:api-types). */
export type { Policy, PolicyPreview } from '../../api/serverTypes.generated';
export type Strategy = Policy['strategy'];
export type ForecastKind = Policy['forecast'];

/** Form state: every number as the text the user typed, so half-typed values are not lost. */
export interface PolicyForm {
  strategy: Strategy;
  forecast: ForecastKind;
  utilisation: string;
  servingQuantile: string;
  surgeQuantile: string;
  minHosts: string;
  maxHosts: string;
  scaleUpMinutes: string;
  scaleDownMinutes: string;
  priorities: Record<string, string>;
}

export function toForm(p: Policy): PolicyForm {
  return {
    strategy: p.strategy,
    forecast: p.forecast,
    utilisation: String(p.targets.utilisation),
    servingQuantile: String(p.targets.servingQuantile),
    surgeQuantile: String(p.targets.surgeQuantile),
    minHosts: String(p.bounds.minHosts),
    maxHosts: String(p.bounds.maxHosts),
    scaleUpMinutes: String(p.cooldowns.scaleUpMinutes),
    scaleDownMinutes: String(p.cooldowns.scaleDownMinutes),
    priorities: Object.fromEntries(Object.entries(p.profilePriorities).map(([k, v]) => [k, String(v)])),
  };
}

/** Form field → policy field path, as the exporter names fields in its errors. */
export const FIELD_PATHS: Record<Exclude<keyof PolicyForm, 'priorities'>, string> = {
  strategy: 'strategy',
  forecast: 'forecast',
  utilisation: 'targets.utilisation',
  servingQuantile: 'targets.servingQuantile',
  surgeQuantile: 'targets.surgeQuantile',
  minHosts: 'bounds.minHosts',
  maxHosts: 'bounds.maxHosts',
  scaleUpMinutes: 'cooldowns.scaleUpMinutes',
  scaleDownMinutes: 'cooldowns.scaleDownMinutes',
};

/**
 * Turns the form into a policy body. Only "is it a number" is checked here; every rule (ranges,
 * min ≤ max …) is the exporter's, which answers 400 naming the field — one source of truth.
 */
export function fromForm(f: PolicyForm): { policy?: Policy; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const num = (key: keyof typeof FIELD_PATHS, text: string): number => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) {
      errors[FIELD_PATHS[key]] = `must be a number, got "${text}"`;
    }
    return n;
  };
  const priorities: Record<string, number> = {};
  for (const [id, text] of Object.entries(f.priorities)) {
    if (text.trim() === '') {
      continue;
    }
    const n = Number(text);
    if (!Number.isFinite(n)) {
      errors[`profilePriorities.${id}`] = `must be a number, got "${text}"`;
    }
    priorities[id] = n;
  }
  const policy: Policy = {
    strategy: f.strategy,
    forecast: f.forecast,
    targets: { utilisation: num('utilisation', f.utilisation), servingQuantile: num('servingQuantile', f.servingQuantile), surgeQuantile: num('surgeQuantile', f.surgeQuantile) },
    bounds: { minHosts: num('minHosts', f.minHosts), maxHosts: num('maxHosts', f.maxHosts) },
    cooldowns: { scaleUpMinutes: num('scaleUpMinutes', f.scaleUpMinutes), scaleDownMinutes: num('scaleDownMinutes', f.scaleDownMinutes) },
    profilePriorities: priorities,
  };
  return Object.keys(errors).length > 0 ? { errors } : { policy, errors };
}
