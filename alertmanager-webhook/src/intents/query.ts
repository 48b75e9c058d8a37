import { z } from 'zod';
import { poolNameSchema } from '@shadowfleet/models/pools';
import type { Intent, Outcome } from './records';

/**
 * `GET /v1/intents`: the intents the webhook holds (the intent log within `intentRetentionDays`), newest
 * accepted first, filtered by pool and by the time they were accepted, one page at a time.
 */
export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 100;

/** ms since epoch, or an RFC 3339 time ("2026-12-07T18:00:00Z"); Grafana's time range gives ms. */
const instant = z.string().transform((text, ctx) => {
  const ms = /^\d{1,15}$/.test(text) ? Number(text) : /^\d{4}-\d\d-\d\dT/.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms)) ctx.addIssue({ code: 'custom', message: 'must be ms since the epoch or an RFC 3339 time such as 2026-12-07T18:00:00Z' });
  return ms;
});

export const intentsQuerySchema = z
  .strictObject({
    pool: poolNameSchema.optional(),
    from: instant.optional(),
    to: instant.optional(),
    limit: z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().min(1, 'must be >= 1').max(MAX_PAGE, `must be <= ${MAX_PAGE}`))
      .optional(),
    /** The `next` of the previous page: the id of the last intent it held. */
    cursor: z.string().min(1).max(64).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ['to'], message: 'must not be before from' });

export type IntentsQuery = z.infer<typeof intentsQuerySchema>;

/** One intent as the API shows it: what was asked, what it moved between, and how it ended. */
export interface IntentView {
  id: string;
  pool: string;
  action: string;
  tier?: number;
  /** The alert's asked amount: `target` (absolute) or `count` (relative). */
  target?: number;
  count?: number;
  /** set_hosts: the hosts the pool should hold, active plus standby, of the same decision (drivers that keep their own standby follow it). */
  pool_hosts?: number;
  /** Absolute sizes, once planned. */
  from?: number;
  to?: number;
  dry_run?: boolean;
  /** `queued` (accepted, not yet planned), `running` (planned, not finished) or `finished`. */
  state: 'queued' | 'running' | 'finished';
  outcome?: Outcome;
  reason?: string;
  detail?: string;
  fingerprint: string;
  undoes?: string;
  /** set_hosts: the alert's startsAt, when Prometheus's rule first found the target differing from the pool (ISO 8601). */
  starts_at?: string;
  accepted_at: string;
  planned_at?: string;
  finished_at?: string;
}

export interface IntentsPage {
  intents: IntentView[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  next?: string;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export function viewOf(intent: Intent): IntentView {
  const { accepted: a, planned: p, finished: f } = intent;
  const amount: { target?: number; count?: number } = a.amount ?? {};
  return {
    id: a.id,
    pool: a.pool,
    action: a.action,
    tier: a.tier,
    target: amount.target,
    count: amount.count,
    pool_hosts: a.poolHosts,
    from: p?.from,
    to: p?.to,
    dry_run: p?.dryRun,
    state: f ? 'finished' : p ? 'running' : 'queued',
    outcome: f?.outcome,
    reason: f?.reason,
    detail: f?.detail,
    fingerprint: a.fingerprint,
    undoes: a.undoes,
    starts_at: iso(a.startsAt),
    accepted_at: iso(a.at)!,
    planned_at: iso(p?.at),
    finished_at: iso(f?.at),
  };
}

export class UnknownCursorError extends Error {}

/** `intents` in acceptance order (the engine's map); returns the page newest first. */
export function pageOfIntents(intents: Iterable<Intent>, query: IntentsQuery): IntentsPage {
  const limit = query.limit ?? DEFAULT_PAGE;
  const all = [...intents];
  let start = all.length - 1;
  if (query.cursor !== undefined) {
    const at = all.findIndex((i) => i.accepted.id === query.cursor);
    if (at < 0) throw new UnknownCursorError(`cursor: no intent ${query.cursor} (it may have been compacted away); start again without cursor`);
    start = at - 1;
  }
  const matches = (x: Intent) =>
    (query.pool === undefined || x.accepted.pool === query.pool) && (query.from === undefined || x.accepted.at >= query.from) && (query.to === undefined || x.accepted.at <= query.to);
  const page: IntentView[] = [];
  let i = start;
  for (; i >= 0 && page.length < limit; i--) if (matches(all[i]!)) page.push(viewOf(all[i]!));
  // Another matching intent left below the page? Then the page's last id is the cursor to go on from.
  const more = page.length === limit && all.slice(0, i + 1).some(matches);
  return more ? { intents: page, next: page[page.length - 1]!.id } : { intents: page };
}
