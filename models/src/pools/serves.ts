import { z } from 'zod';

/**
 * Which events a pool serves, so that each pool's resource manager forecasts and sizes for its own
 * traffic. One rule set for the whole file (checked by the pool model schema):
 * - a pool's optional `serves` names ONE event field and the values of it routed to that pool, e.g.
 *   `"serves": {"backend": ["search"]}` for a search tier behind its own HAProxy backend (HAProxy's %b), or
 *   `"serves": {"action": ["search", "suggest"]}` where events do not carry the backend;
 * - every pool that has `serves` uses the same field, and no value is claimed by two pools;
 * - exactly one pool has no `serves`: it takes every event no other pool claims (events whose field is
 *   absent included). With one pool, that pool takes every event, as before selectors existed.
 * So every event counts in exactly one pool, and the pools' loads add up to the site's.
 *
 * The schema checks these rules whenever a pool has `serves`. A file with several pools and no `serves` at
 * all is still a valid pool model for the webhook and the live A/B (whose arms are not told apart by
 * events); the exporter's resource manager, which attributes the load, refuses it (requireAttribution).
 */

/** The event fields a pool can be selected by (the wire names of POST /v1/events). */
export const SERVES_FIELDS = ['action', 'data_type', 'backend'] as const;
export type ServesField = (typeof SERVES_FIELDS)[number];

const values = (max: number) =>
  z
    .array(z.string().min(1, 'must be a non-empty value').max(max, `must be at most ${max} characters (the event field's limit)`))
    .min(1, 'must list at least one value')
    .refine((v) => new Set(v).size === v.length, 'must not list a value twice');

export const servesSchema = z
  .object({
    /** Actions (the feature or operation; from URL paths by the action rules) routed to this pool. */
    action: values(256).optional(),
    /** Data types (from URL extensions or the client) routed to this pool. */
    data_type: values(64).optional(),
    /** Load-balancer backends (HAProxy's %b in its log lines, or the client's `backend`) whose requests this pool serves. */
    backend: values(128).optional(),
  })
  .strict()
  .refine((s) => Object.keys(s).length === 1, `must name exactly one event field: ${SERVES_FIELDS.join(' or ')}`);

export type Serves = z.infer<typeof servesSchema>;

/** A pool's share of the events, as the store filters them: values of one field, or everything but them. */
export interface LoadFilter {
  readonly field: ServesField;
  readonly values: readonly string[];
  /** true: every event whose field is NOT one of the values (or is absent): the pool without `serves`. */
  readonly exclude: boolean;
}

interface PoolsWithServes {
  readonly pools: Readonly<Record<string, { readonly serves?: Serves }>>;
}

const fieldOf = (s: Serves): ServesField => Object.keys(s)[0] as ServesField;

/** Cross-pool rules of `serves`; each problem names the field (`pools.search.serves.action`). */
export function checkServes(model: PoolsWithServes, addIssue: (path: (string | number)[], message: string) => void): void {
  const entries = Object.entries(model.pools);
  const open = entries.filter(([, p]) => !p.serves).map(([name]) => name);
  if (entries.length === 1) {
    if (!open.length) addIssue(['pools', entries[0][0], 'serves'], 'must be left out: the only pool serves every event');
    return;
  }
  if (open.length === entries.length) return; // no attribution (requireAttribution decides whether one is needed)
  if (open.length === 0) addIssue(['pools'], 'exactly one pool must leave out serves: it takes every event no other pool claims; every pool has serves');
  for (const name of open.slice(1)) addIssue(['pools', name, 'serves'], `is required: pool ${open[0]} already takes every event no other pool claims (exactly one pool may leave serves out)`);
  let first: [string, ServesField] | undefined;
  const owner = new Map<string, string>();
  for (const [name, p] of entries) {
    if (!p.serves) continue;
    const field = fieldOf(p.serves);
    if (!first) first = [name, field];
    else if (field !== first[1]) {
      addIssue(['pools', name, 'serves', field], `must select by the same event field as every pool: pools.${first[0]}.serves selects by ${first[1]}`);
      continue;
    }
    for (const [i, v] of (p.serves[field] ?? []).entries()) {
      const other = owner.get(v);
      if (other) addIssue(['pools', name, 'serves', field, i], `"${v}" is already served by pool ${other}: each value routes to one pool`);
      else owner.set(v, name);
    }
  }
}

/**
 * For what sizes pools by their own load (the exporter's resource manager): with several pools, every event
 * must be attributed, so every pool but one needs `serves`. Throws naming the field; a model that passed the
 * schema and this has a filter for every pool.
 */
export function requireAttribution(model: PoolsWithServes, source = 'pool model'): void {
  const names = Object.keys(model.pools);
  if (names.length < 2 || names.some((n) => model.pools[n].serves)) return;
  throw new Error(
    `invalid ${source}:\n  pools.${names[1]}.serves: is required: with several pools each pool's resource manager sizes for the events it serves, ` +
      `so every pool but one (${names[0]}, which takes every event no other pool claims) must say which with serves, e.g. {"action": ["search"]}`,
  );
}

/**
 * The events a pool's manager sizes for: undefined for all of them (a single pool), the values it serves,
 * or, for the pool without `serves`, every event but those the other pools serve. Assumes a model that
 * passed the schema (checkServes).
 */
export function poolLoadFilter(model: PoolsWithServes, pool: string): LoadFilter | undefined {
  const entries = Object.entries(model.pools);
  const own = model.pools[pool];
  if (!own) throw new Error(`pool ${pool} is not in the pool model (${entries.map(([n]) => n).join(', ')})`);
  if (entries.length === 1) return undefined;
  if (own.serves) {
    const field = fieldOf(own.serves);
    return { field, values: [...own.serves[field]!], exclude: false };
  }
  const claimed = entries.flatMap(([, p]) => (p.serves ? [p.serves] : []));
  if (claimed.length === 0) requireAttribution(model);
  const field = fieldOf(claimed[0]);
  return { field, values: claimed.flatMap((s) => [...(s[field] ?? [])]), exclude: true };
}
