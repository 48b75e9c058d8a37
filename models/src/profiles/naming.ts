import { OTHER } from './features';
import type { Trait } from './types';

/** Standardised centroid values by feature name; features that were constant are absent. */
export type CentroidZ = ReadonlyMap<string, number>;

const ACTIVITY = ['activity.events_log', 'activity.sessions_log', 'activity.session_minutes_log'];

/** Mean z of the activity features present: how much more (or less) than average the group does. */
export function activityScore(z: CentroidZ): number {
  const vs = ACTIVITY.map((f) => z.get(f)).filter((v): v is number => v !== undefined);
  return vs.length > 0 ? vs.reduce((a, b) => a + b, 0) / vs.length : 0;
}

/** The action whose share (`mix.*`, `(other)` excluded) is most above average, with its z. */
export function dominantAction(z: CentroidZ): { action: string; z: number } | undefined {
  let best: { action: string; z: number } | undefined;
  for (const [f, v] of z) {
    if (!f.startsWith('mix.') || f === `mix.${OTHER}`) continue;
    if (!best || v > best.z) best = { action: f.slice(4), z: v };
  }
  return best;
}

const at = (z: CentroidZ, f: string): number => z.get(f) ?? 0;

/** The naming rules, tried in order; the first that holds names the profile. Thresholds are in z units. */
export const NAMING_RULES: ReadonlyArray<{ readonly name: string; readonly rule: string; readonly test: (z: CentroidZ) => boolean }> = [
  { name: 'error-prone', rule: 'errors.rate ≥ 1.0', test: (z) => at(z, 'errors.rate') >= 1 },
  { name: 'night owls', rule: 'hour.night ≥ 1.0', test: (z) => at(z, 'hour.night') >= 1 },
  { name: 'power users', rule: 'activity ≥ 0.75 (mean z of events, sessions, session minutes)', test: (z) => activityScore(z) >= 0.75 },
  {
    name: 'data analysts',
    rule: 'data.bytes_per_event_log ≥ 0.75 or data.distinct_types ≥ 0.75',
    test: (z) => Math.max(at(z, 'data.bytes_per_event_log'), at(z, 'data.distinct_types')) >= 0.75,
  },
  { name: 'casual browsers', rule: 'activity ≤ −0.4', test: (z) => activityScore(z) <= -0.4 },
  { name: '<action> regulars', rule: 'the largest mix.<action> ≥ 1.0', test: (z) => (dominantAction(z)?.z ?? 0) >= 1 },
  { name: 'niche explorers', rule: 'mix.(other) ≥ 1.0 (mostly the less common actions)', test: (z) => at(z, `mix.${OTHER}`) >= 1 },
  { name: 'typical users', rule: 'none of the above', test: () => true },
];

export function baseName(z: CentroidZ): string {
  const rule = NAMING_RULES.find((r) => r.test(z)) as (typeof NAMING_RULES)[number];
  return rule.name === '<action> regulars' ? `${dominantAction(z)?.action ?? OTHER} regulars` : rule.name;
}

/**
 * One name per centroid. Names that would repeat get the dominant action as a qualifier
 * ("casual browsers · sports"), and a number if that still repeats.
 */
export function nameProfiles(centroids: readonly CentroidZ[]): string[] {
  const base = centroids.map(baseName);
  const qualified = base.map((name, i) => {
    if (base.filter((b) => b === name).length === 1) return name;
    const action = dominantAction(centroids[i])?.action;
    return action && !name.startsWith(`${action} `) ? `${name} · ${action}` : name;
  });
  const seen = new Map<string, number>();
  return qualified.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return qualified.filter((q) => q === name).length > 1 ? `${name} #${n}` : name;
  });
}

/** The `count` features with the largest |z|, largest first. */
export function topTraits(z: CentroidZ, count = 5): Trait[] {
  return [...z.entries()]
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([feature, v]) => ({ feature, z: Math.round(v * 1000) / 1000 }));
}
