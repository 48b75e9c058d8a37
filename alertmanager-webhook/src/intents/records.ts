import { z } from 'zod';
import { actions } from '../actions/scheme';

/**
 * The lines of the intent log. An intent is `accepted` before the webhook answers, `planned` (with the
 * absolute sizes it moves between) right before the driver is called, and `finished` afterwards.
 */
export const outcomes = ['applied', 'noop', 'dry_run', 'skipped', 'failed', 'abandoned', 'uncertain'] as const;
export type Outcome = (typeof outcomes)[number];

const amount = z.union([z.object({ count: z.number().int() }), z.object({ target: z.number().int().min(0) })]);

export const acceptedRecord = z.object({
  type: z.literal('accepted'),
  id: z.string(),
  at: z.number(),
  key: z.string(),
  pool: z.string(),
  action: z.enum([...actions, 'scale_back']),
  amount: amount.optional(),
  tier: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  fingerprint: z.string(),
  /** Not to be run before this time (ms since epoch): scale-backs wait for their delay. */
  notBefore: z.number().optional(),
  /** For scale_back: the intent whose change it reverses. */
  undoes: z.string().optional(),
  /** For set_hosts: the alert's startsAt (ms since epoch), which orders set-points of one pool. */
  startsAt: z.number().optional(),
  /** For set_hosts: the hosts the pool should hold (active + standby) of the same decision, when the alert carried it. */
  poolHosts: z.number().int().min(0).optional(),
});

export const plannedRecord = z.object({
  type: z.literal('planned'),
  id: z.string(),
  at: z.number(),
  from: z.number().int(),
  to: z.number().int(),
  dryRun: z.boolean(),
});

/**
 * Written (synced) right before the driver is called, and again once a driver that runs programs knows
 * their process group: what is running on the intent's behalf and until when. On restart, an apply
 * still running past a crash is waited for (until `deadline`) or stopped before the pool is observed.
 */
export const applyingRecord = z.object({
  type: z.literal('applying'),
  id: z.string(),
  at: z.number(),
  /** ms since epoch after which the apply is stopped (actionTimeoutSeconds after it began). */
  deadline: z.number(),
  /** Process group of the program the driver started, when it started one. */
  pgid: z.number().int().positive().optional(),
});

export const finishedRecord = z.object({
  type: z.literal('finished'),
  id: z.string(),
  at: z.number(),
  outcome: z.enum(outcomes),
  reason: z.string().optional(),
  detail: z.string().optional(),
  active: z.number().int().optional(),
});

export const intentRecord = z.discriminatedUnion('type', [acceptedRecord, plannedRecord, applyingRecord, finishedRecord]);

export type AcceptedRecord = z.infer<typeof acceptedRecord>;
export type PlannedRecord = z.infer<typeof plannedRecord>;
export type ApplyingRecord = z.infer<typeof applyingRecord>;
export type FinishedRecord = z.infer<typeof finishedRecord>;
export type IntentRecord = z.infer<typeof intentRecord>;

/** One intent with whatever has been recorded about it so far. */
export interface Intent {
  readonly accepted: AcceptedRecord;
  planned?: PlannedRecord;
  /** The latest `applying` line (the one with the process group, once known). */
  applying?: ApplyingRecord;
  finished?: FinishedRecord;
}

/** Folds log lines into intents, in acceptance order. */
export function foldRecords(records: readonly IntentRecord[]): Map<string, Intent> {
  const intents = new Map<string, Intent>();
  for (const r of records) {
    if (r.type === 'accepted') intents.set(r.id, { accepted: r });
    else {
      const intent = intents.get(r.id);
      if (!intent) continue;
      if (r.type === 'planned') intent.planned = r;
      else if (r.type === 'applying') intent.applying = { ...r, pgid: r.pgid ?? intent.applying?.pgid };
      else intent.finished = r;
    }
  }
  return intents;
}
