import { HOUR_MS, WEEK_MS } from './series';
import type { ProfileMix, ShadowTemplate } from './types';

/** Checks declared templates: at least one, unique names, at most one default (no profiles), no profile twice. */
export function validateTemplates(templates: readonly ShadowTemplate[]): void {
  if (templates.length === 0) throw new Error('templates must declare at least one shadow host template, got none');
  const names = new Set<string>();
  const owner = new Map<string, string>();
  let defaults = 0;
  for (const t of templates) {
    if (!t.name) throw new Error('every template needs a non-empty name');
    if (names.has(t.name)) throw new Error(`template names must be unique, "${t.name}" is declared twice`);
    names.add(t.name);
    if (t.profiles.length === 0) defaults++;
    for (const p of t.profiles) {
      const other = owner.get(p);
      if (other) throw new Error(`profile "${p}" is claimed by templates "${other}" and "${t.name}"; give it to one`);
      owner.set(p, t.name);
    }
  }
  if (defaults > 1) throw new Error(`at most one template may have no profiles (the default), found ${defaults}`);
}

/** The template that takes load of profiles no template claims: the one with no profiles, else the first. */
export function defaultTemplate(templates: readonly ShadowTemplate[]): ShadowTemplate {
  return templates.find((t) => t.profiles.length === 0) ?? templates[0];
}

/**
 * Splits `hosts` over templates in proportion to the predicted profile mix (largest remainder; ties go to
 * the template declared first). Profiles no template claims count for the default template; with no mix,
 * everything goes to the default template. Every template appears in the result, possibly with 0.
 */
export function apportionHosts(hosts: number, templates: readonly ShadowTemplate[], mix?: ProfileMix): Record<string, number> {
  const fallback = defaultTemplate(templates).name;
  const weight = new Map<string, number>(templates.map((t) => [t.name, 0]));
  const claimed = new Map<string, string>();
  for (const t of templates) for (const p of t.profiles) claimed.set(p, t.name);
  for (const [profile, share] of Object.entries(mix ?? {})) {
    if (!(share >= 0)) throw new Error(`profile mix share of "${profile}" must be ≥ 0, got ${share}`);
    const name = claimed.get(profile) ?? fallback;
    weight.set(name, (weight.get(name) ?? 0) + share);
  }
  const total = [...weight.values()].reduce((a, b) => a + b, 0);
  const result: Record<string, number> = Object.fromEntries(templates.map((t) => [t.name, 0]));
  if (hosts <= 0) return result;
  if (!(total > 0)) {
    result[fallback] = hosts;
    return result;
  }
  const quotas = templates.map((t, order) => {
    const exact = (hosts * (weight.get(t.name) ?? 0)) / total;
    return { name: t.name, order, floor: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = hosts - quotas.reduce((a, q) => a + q.floor, 0);
  for (const q of quotas) result[q.name] = q.floor;
  for (const q of [...quotas].sort((a, b) => b.rest - a.rest || a.order - b.order)) {
    if (left-- <= 0) break;
    result[q.name]++;
  }
  return result;
}

/** One observed hour of profile mix (e.g. active users or load per profile). */
export interface ObservedMix {
  readonly startMs: number;
  readonly mix: ProfileMix;
}

/**
 * Predicts the profile mix of each coming hour as the average of the observed mixes at the same hour of
 * the week (shares normalised per hour). Hours of the week never observed get undefined.
 */
export function seasonalProfileMix(observed: readonly ObservedMix[], planStartMs: number, hours: number): Array<ProfileMix | undefined> {
  const slots = new Map<number, { sums: Record<string, number>; n: number }>();
  const slotOf = (ms: number): number => Math.floor((((ms % WEEK_MS) + WEEK_MS) % WEEK_MS) / HOUR_MS);
  for (const o of observed) {
    const total = Object.values(o.mix).reduce((a, b) => a + b, 0);
    if (!(total > 0)) continue;
    const slot = slots.get(slotOf(o.startMs)) ?? { sums: {}, n: 0 };
    for (const [p, v] of Object.entries(o.mix)) slot.sums[p] = (slot.sums[p] ?? 0) + v / total;
    slot.n++;
    slots.set(slotOf(o.startMs), slot);
  }
  return Array.from({ length: hours }, (_, h) => {
    const slot = slots.get(slotOf(planStartMs + h * HOUR_MS));
    if (!slot) return undefined;
    return Object.fromEntries(Object.entries(slot.sums).map(([p, s]) => [p, s / slot.n]));
  });
}
