import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { standbyToKeep } from '@shadowfleet/models/pools';
import { checkTarget, poolSize, type ApplyOptions, type Driver, type DriverContext, type DriverDefinition, type FollowsPoolTotal, type Plan, type PlanStep, type PoolStatus } from '../driver';
import { kubernetesClient } from './client';
import { ScaleApi } from './scale-api';

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label (a-z, 0-9, -)').max(63);
const dnsSubdomain = (required = 'required') => z.string({ error: required }).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a DNS-1123 subdomain (a-z, 0-9, - and .)').max(253);

export const kubernetesOptions = z
  .object({
    /** Path of a kubeconfig file; without it the in-cluster service account or ~/.kube/config is used. */
    kubeconfig: z.string().optional(),
    namespace: dnsLabel,
    /** The serving Deployment (the Service selects its pods), scaled through its scale subresource. */
    deployment: dnsSubdomain(),
    /**
     * The shadow fleet: a second Deployment of the same pods that the Service does not select. Its
     * `replicas` Ready pods hold node capacity warm (nodes up, images pulled). Activating k shadow units
     * scales serving up by k and standby down by k, so the new serving pods land on the capacity the
     * standby pods held; once they are Ready, standby is refilled to `replicas` — or, once a set-point
     * carried the manager's total (`pool_hosts`), to that total less the serving spec.replicas.
     */
    standby: z
      .object({
        deployment: dnsSubdomain('required: the standby Deployment (the same pods, not selected by the Service); pods are no longer relabelled'),
        replicas: z.number({ error: 'required: how many warm pods the standby Deployment keeps' }).int().min(1, 'must be >= 1'),
      })
      .optional(),
    /** Times a write is read, decided and sent again after 409 Conflict (another writer came in between). */
    conflictRetries: z.number().int().min(0).max(20).default(5),
    /** How long `apply` waits for the serving pods to be Ready before it reports what it sees. */
    readyTimeoutSeconds: z.number().min(0).default(60),
    readyPollSeconds: z.number().gt(0).default(1),
  })
  .refine((o) => o.standby?.deployment !== o.deployment, { path: ['standby', 'deployment'], message: 'must differ from deployment (the serving Deployment)' });
export type KubernetesOptions = z.infer<typeof kubernetesOptions>;

/**
 * Actions whose target the engine computed as a change of the size it saw: when another writer moved
 * the Deployment in between, the change is applied on top of theirs. Re-applying a plan (reconcile at
 * start) passes no action and is absolute, so it stays idempotent.
 */
const RELATIVE_ACTIONS = new Set(['activate_shadow', 'deactivate_shadow', 'scale_by', 'scale_back']);

/**
 * Serving and standby are two Deployments moved only through their scale subresource, so the
 * cluster keeps both: a rollout, eviction or drain replaces a pod inside the same Deployment and
 * cannot turn an activated unit back into a standby one. Active counts Ready serving pods (what a
 * Service routes to); `desired` is the serving spec.replicas. Every write is conditional on the
 * resourceVersion it was decided from.
 */
export class KubernetesDriver implements Driver, FollowsPoolTotal {
  readonly kind = 'kubernetes';
  /** The manager's total (serving + standby) of the last set-point that carried one. */
  private total: number | undefined;
  private readonly api: ScaleApi;
  /** The serving replicas this driver last set; a status read below it means another writer undid activations. */
  private lastSet: number | undefined;
  private lostReported = 0;

  constructor(
    private readonly options: KubernetesOptions,
    private readonly context: DriverContext,
  ) {
    const k8s = kubernetesClient();
    const kc = new k8s.KubeConfig();
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
    this.api = new ScaleApi(kc.makeApiClient(k8s.AppsV1Api), kc.makeApiClient(k8s.CoreV1Api), options.namespace, options.conflictRetries, context.logger);
  }

  async status(signal?: AbortSignal): Promise<PoolStatus> {
    const { deployment, standby } = this.options;
    const serving = await this.api.view(deployment, signal);
    const warm = standby ? await this.api.view(standby.deployment, signal) : undefined;
    const lost = this.lastSet !== undefined ? Math.max(0, this.lastSet - serving.desired) : 0;
    if (lost !== this.lostReported) {
      this.lostReported = lost;
      if (lost > 0) this.context.logger.warn({ pool: this.context.pool, deployment, set: this.lastSet, now: serving.desired }, 'kubernetes activations lost: another writer lowered the serving replicas');
    }
    const holds = standby ? (this.total ?? serving.desired + standby.replicas) : undefined;
    return { active: serving.ready, standby: warm?.ready ?? 0, desired: serving.desired, ...(lost > 0 ? { lost } : {}), ...(holds !== undefined ? { holds } : {}) };
  }

  /**
   * Standby replicas to keep beside `serving` serving replicas (spec, Ready or not: the units active now as
   * the provider counts them): the held total less them, else the configured `standby.replicas`.
   */
  private standbyReplicas(serving: number): number {
    return this.total !== undefined ? standbyToKeep(this.total, serving) : (this.options.standby?.replicas ?? 0);
  }

  /** Follows the manager's total: the standby Deployment is scaled to it less the serving spec.replicas now. */
  async holdPoolTotal(total: number, signal?: AbortSignal): Promise<PoolStatus> {
    this.total = total;
    const { deployment, standby } = this.options;
    if (standby) {
      const serving = await this.api.view(deployment, signal);
      await this.api.updateReplicas(standby.deployment, () => this.standbyReplicas(serving.desired), signal);
    }
    return this.status(signal);
  }

  plan(current: PoolStatus, target: number): Plan {
    checkTarget(this.context.pool, target);
    const from = poolSize(current);
    const steps: PlanStep[] = [{ op: `scale to ${target} replicas`, unit: `deployment/${this.options.deployment}` }];
    const { standby } = this.options;
    if (standby && target > from) steps.push({ op: `hand up to ${target - from} warm replica(s) over, refill to ${this.standbyReplicas(target)} once serving is Ready`, unit: `deployment/${standby.deployment}` });
    return { from, to: target, steps };
  }

  async apply(plan: Plan, options: ApplyOptions = {}): Promise<PoolStatus> {
    const { signal, context } = options;
    checkTarget(this.context.pool, plan.to);
    const { deployment, standby } = this.options;
    const relative = context !== undefined && RELATIVE_ACTIONS.has(context.action);
    const change = await this.api.updateReplicas(
      deployment,
      (current) => {
        if (!relative || current === plan.from) return plan.to;
        // Another writer moved the Deployment since the plan was made: apply this change on top of theirs.
        const rebased = Math.max(0, plan.to + current - plan.from);
        this.context.logger.warn({ pool: this.context.pool, deployment, planned: `${plan.from} → ${plan.to}`, found: current, to: rebased }, 'kubernetes deployment changed since the plan; applying the change on top');
        return rebased;
      },
      signal,
    );
    this.lastSet = change.to;
    const grown = change.to - change.from;
    // Hand the capacity warm standby pods hold to the new serving pods (the scheduler places those on it).
    if (standby && grown > 0) await this.api.updateReplicas(standby.deployment, (current) => Math.max(0, current - grown), signal);
    const after = await this.waitForReady(change.to, signal);
    if (!standby) return after;
    await this.api.updateReplicas(standby.deployment, () => this.standbyReplicas(change.to), signal);
    return this.status(signal);
  }

  /** Polls until the Ready serving pods equal `target` or readyTimeoutSeconds pass; returns the last status. */
  private async waitForReady(target: number, signal?: AbortSignal): Promise<PoolStatus> {
    const deadline = Date.now() + this.options.readyTimeoutSeconds * 1000;
    for (;;) {
      const now = await this.status(signal);
      if (now.active === target) return now;
      if (Date.now() >= deadline) {
        this.context.logger.warn({ pool: this.context.pool, deployment: this.options.deployment, ready: now.active, desired: target, waitedSeconds: this.options.readyTimeoutSeconds }, 'kubernetes serving pods not Ready in time');
        return now;
      }
      await sleep(this.options.readyPollSeconds * 1000, undefined, { signal });
    }
  }
}

export const kubernetesDriver: DriverDefinition<KubernetesOptions> = {
  kind: 'kubernetes',
  description: 'scales a serving Deployment (and hands over and refills a warm standby Deployment) through the scale subresource, with conditional writes; counts Ready pods',
  options: kubernetesOptions,
  create: (options, context) => new KubernetesDriver(options, context),
};
