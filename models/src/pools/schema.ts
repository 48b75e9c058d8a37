import { z } from 'zod';
import { issueLines } from '../validation/zod-errors';
import { CAPACITY_CLASSES } from '../allocation/capacity-classes';
import type { ComplexityBasis } from '../complexity/cost';
import { checkServes, servesSchema } from './serves';

/**
 * The pool model: ONE definition of every pool Shadowfleet scales (provisioning/pools.json). The webhook
 * reads it for its drivers and safety limits, the exporter's resource manager for capacities, lead times
 * and bounds; both parse it with this schema, so a field means the same thing everywhere.
 */

/** The one unit complexity is measured in, for the whole file (and the exporter's forecasts). */
export const COMPLEXITY_UNITS = ['requests', 'kib', 'cost', 'ms'] as const;
export type ComplexityUnit = (typeof COMPLEXITY_UNITS)[number];

/** The event field behind each unit (models/src/complexity/cost.ts). */
export const UNIT_BASIS: Readonly<Record<ComplexityUnit, ComplexityBasis>> = { requests: 'count', kib: 'bytes', cost: 'cost', ms: 'durationMs' };

export const POOL_NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
export const poolNameSchema = z.string().regex(POOL_NAME_PATTERN, 'must be 1-63 characters of a-z, 0-9, _ . - starting with a letter or digit');

const seconds = (fallback: number) => z.number().min(0, 'must be >= 0 seconds').default(fallback);

const templateSchema = z
  .object({
    name: z.string().min(1, 'must be a non-empty name'),
    stack: z.string().min(1, 'must name the software stack (an image or package set)'),
    config: z.record(z.string(), z.string()).optional(),
    preload: z.array(z.string()).optional(),
    profiles: z.array(z.string()).default([]),
  })
  .strict();

const capacityClassesSchema = z
  .object({
    profiles: z.record(z.string().min(1), z.enum(CAPACITY_CLASSES, { message: `must be one of ${CAPACITY_CLASSES.join(', ')}` })).default({}),
    defaultClass: z.enum(CAPACITY_CLASSES, { message: `must be one of ${CAPACITY_CLASSES.join(', ')}` }).default('best_effort'),
  })
  .strict();

/** One pool. Driver options are checked by the webhook's driver registry (models knows no drivers). */
export const poolSchema = z
  .object({
    /** The webhook driver that acts on the pool (`haproxy`, `local`, `command`, `kubernetes`). */
    driver: z.string().min(1, 'must name a driver'),
    /** Driver-specific options: the hosts or the driver's target (HAProxy backend and servers, a Deployment …). */
    options: z.record(z.string(), z.unknown()).default({}),
    /** Hard bounds on serving hosts, enforced by the webhook and respected by the resource manager. */
    min: z.number().int('must be a whole number').min(0, 'must be >= 0').default(0),
    max: z.number().int('must be a whole number').min(1, 'must be >= 1'),
    /** Complexity units per second one host serves at full utilisation (the prior of the learned capacity). */
    hostCapacity: z.number().gt(0, 'must be > 0').optional(),
    /** Seconds from launching a cold host until it serves. */
    coldStartSeconds: seconds(300),
    /** Seconds from activating a standby (shadow) host until it serves. */
    activationSeconds: seconds(60),
    /** What a standby host costs per second, as a share of a serving host (0.1: a stopped, pre-initialised instance). */
    standbyCost: z.number().min(0, 'must be >= 0').max(1, 'must be <= 1').default(0.1),
    /** Webhook safety: after a change, the next change to this pool waits this long (set-points are deferred, not dropped). */
    cooldownSeconds: seconds(30),
    /** Count-based alerts only: a resolved alert reverses its change after the delay (set_hosts set-points never do). */
    scaleBack: z.object({ enabled: z.boolean().default(true), delaySeconds: seconds(300) }).strict().prefault({}),
    /** Shadow host templates (software stack, configuration, preloaded data) by profile. */
    templates: z.array(templateSchema).min(1, 'must declare at least one template').optional(),
    /** Capacity classes per behavioural profile (dedicated or best-effort capacity). */
    capacityClasses: capacityClassesSchema.optional(),
    /** The events this pool serves (its manager sizes for their load alone); rules in ./serves.ts. */
    serves: servesSchema.optional(),
  })
  .strict()
  .superRefine((pool, ctx) => {
    if (pool.min > pool.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `must be <= max (${pool.max}), got ${pool.min}` });
  });

export const poolModelSchema = z
  .object({
    /** The complexity unit of every capacity in the file and of the exporter's forecasts. */
    complexityUnit: z.enum(COMPLEXITY_UNITS, { message: `must be one of ${COMPLEXITY_UNITS.join(', ')}` }),
    pools: z.record(poolNameSchema, poolSchema).refine((p) => Object.keys(p).length > 0, 'must declare at least one pool'),
  })
  .strict()
  .superRefine((model, ctx) => checkServes(model, (path, message) => ctx.addIssue({ code: 'custom', path, message })));

export type PoolDefinition = z.infer<typeof poolSchema>;
export type PoolModel = z.infer<typeof poolModelSchema>;

/** Validates a parsed pool model, naming each bad field (`pools.web.max: must be >= 1`); throws with all of them. */
export function parsePoolModel(raw: unknown, source = 'pool model'): PoolModel {
  const r = poolModelSchema.safeParse(raw);
  if (!r.success) {
    const lines = issueLines(r.error, '(root)').map((l) => `  ${l}`);
    throw new Error(`invalid ${source}:\n${lines.join('\n')}`);
  }
  return r.data;
}

/**
 * Checks a value another file also sets against the pool model, so that two sources can never silently
 * disagree: throws naming the field and both values.
 */
export function checkAgrees(field: string, modelValue: unknown, otherSource: string, otherValue: unknown): void {
  if (otherValue === undefined || JSON.stringify(otherValue) === JSON.stringify(modelValue)) return;
  throw new Error(`${field}: the pool model says ${JSON.stringify(modelValue)} but ${otherSource} says ${JSON.stringify(otherValue)}; set it in the pool model only`);
}
