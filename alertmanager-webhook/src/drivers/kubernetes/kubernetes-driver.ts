import { z } from 'zod';
import { checkTarget, type ApplyOptions, type Driver, type DriverContext, type DriverDefinition, type Plan, type PlanStep, type PoolStatus } from '../driver';
import { callOptions, describeKubernetesError, kubernetesClient, type AppsV1Api, type CoreV1Api, type V1Pod } from './client';

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label (a-z, 0-9, -)').max(63);
const dnsSubdomain = z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a DNS-1123 subdomain (a-z, 0-9, - and .)').max(253);
const labelKey = z.string().regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/, 'must be a Kubernetes label key');

export const kubernetesOptions = z.object({
  /** Path of a kubeconfig file; without it the in-cluster service account or ~/.kube/config is used. */
  kubeconfig: z.string().optional(),
  namespace: dnsLabel,
  /** The Deployment scaled through its scale subresource (cold capacity). */
  deployment: dnsSubdomain,
  /**
   * The shadow fleet: pods of a standby Deployment that run warm but are not selected by the Service.
   * Activating one sets `servingLabel` to "true" on the pod (the Service selects on it); releasing it sets "false".
   */
  standby: z
    .object({
      /** Label selector of the standby Deployment's pods, e.g. `app=web,shadowfleet.io/role=shadow`. */
      selector: z.string().min(1),
      servingLabel: labelKey.default('shadowfleet.io/serving'),
    })
    .optional(),
});
export type KubernetesOptions = z.infer<typeof kubernetesOptions>;

interface Observed {
  readonly replicas: number;
  readonly activated: V1Pod[];
  readonly ready: V1Pod[];
}

/**
 * Scales a Deployment through `deployments/{name}/scale` (JSON merge patch) and activates pods of a
 * standby Deployment by relabelling them (strategic merge patch). Growing uses standby pods first
 * (they are warm), then replicas; shrinking releases standby pods first, then replicas.
 */
export class KubernetesDriver implements Driver {
  readonly kind = 'kubernetes';
  private readonly apps: AppsV1Api;
  private readonly core: CoreV1Api;

  constructor(
    private readonly options: KubernetesOptions,
    private readonly context: DriverContext,
  ) {
    const k8s = kubernetesClient();
    const kc = new k8s.KubeConfig();
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
    this.apps = kc.makeApiClient(k8s.AppsV1Api);
    this.core = kc.makeApiClient(k8s.CoreV1Api);
  }

  private async observe(signal?: AbortSignal): Promise<Observed> {
    const { namespace, deployment, standby } = this.options;
    const scale = await this.apps.readNamespacedDeploymentScale({ name: deployment, namespace }, callOptions(signal)).catch((err: unknown) => {
      throw describeKubernetesError(err, `GET deployments/${deployment}/scale in ${namespace}`);
    });
    if (!standby) return { replicas: scale.spec?.replicas ?? 0, activated: [], ready: [] };
    const pods = await this.core.listNamespacedPod({ namespace, labelSelector: standby.selector }, callOptions(signal)).catch((err: unknown) => {
      throw describeKubernetesError(err, `GET pods?labelSelector=${standby.selector} in ${namespace}`);
    });
    const running = pods.items.filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp);
    const serving = (p: V1Pod) => p.metadata?.labels?.[standby.servingLabel] === 'true';
    const byName = (a: V1Pod, b: V1Pod) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
    return { replicas: scale.spec?.replicas ?? 0, activated: running.filter(serving).sort(byName), ready: running.filter((p) => !serving(p)).sort(byName) };
  }

  async status(signal?: AbortSignal): Promise<PoolStatus> {
    const o = await this.observe(signal);
    return { active: o.replicas + o.activated.length, standby: o.ready.length };
  }

  plan(current: PoolStatus, target: number): Plan {
    checkTarget(this.context.pool, target);
    const steps: PlanStep[] = [];
    const grow = target - current.active;
    const fromStandby = Math.min(Math.max(grow, 0), current.standby);
    if (fromStandby > 0) steps.push({ op: `activate ${fromStandby} standby pod(s)`, unit: `pods ${this.options.standby?.selector}` });
    if (grow > fromStandby || grow < 0) steps.push({ op: 'scale (and release standby pods first when shrinking)', unit: `deployment/${this.options.deployment}` });
    return { from: current.active, to: target, steps };
  }

  async apply(plan: Plan, options: ApplyOptions = {}): Promise<PoolStatus> {
    const { signal } = options;
    checkTarget(this.context.pool, plan.to);
    const o = await this.observe(signal);
    const current = o.replicas + o.activated.length;
    if (plan.to > current) {
      const flip = o.ready.slice(0, plan.to - current);
      for (const pod of flip) await this.setServing(pod, true, signal);
      const rest = plan.to - current - flip.length;
      if (rest > 0) await this.scale(o.replicas + rest, signal);
    } else if (plan.to < current) {
      const release = o.activated.slice(Math.max(0, o.activated.length - (current - plan.to))).reverse();
      for (const pod of release) await this.setServing(pod, false, signal);
      const rest = current - plan.to - release.length;
      if (rest > 0) await this.scale(o.replicas - rest, signal);
    }
    return this.status(signal);
  }

  private async scale(replicas: number, signal?: AbortSignal): Promise<void> {
    const k8s = kubernetesClient();
    const { namespace, deployment } = this.options;
    await this.apps
      .patchNamespacedDeploymentScale({ name: deployment, namespace, body: { spec: { replicas } } }, callOptions(signal, k8s.PatchStrategy.MergePatch))
      .catch((err: unknown) => {
        throw describeKubernetesError(err, `PATCH deployments/${deployment}/scale in ${namespace}`);
      });
    this.context.logger.info('kubernetes deployment scaled', { pool: this.context.pool, deployment, replicas });
  }

  private async setServing(pod: V1Pod, serving: boolean, signal?: AbortSignal): Promise<void> {
    const k8s = kubernetesClient();
    const name = pod.metadata?.name ?? '';
    const label = this.options.standby!.servingLabel;
    await this.core
      .patchNamespacedPod({ name, namespace: this.options.namespace, body: { metadata: { labels: { [label]: String(serving) } } } }, callOptions(signal, k8s.PatchStrategy.StrategicMergePatch))
      .catch((err: unknown) => {
        throw describeKubernetesError(err, `PATCH pods/${name} in ${this.options.namespace}`);
      });
    this.context.logger.info('kubernetes standby pod relabelled', { pool: this.context.pool, pod: name, serving });
  }
}

export const kubernetesDriver: DriverDefinition<KubernetesOptions> = {
  kind: 'kubernetes',
  description: 'scales a Deployment through its scale subresource and activates warm pods of a standby Deployment by relabelling them',
  options: kubernetesOptions,
  create: (options, context) => new KubernetesDriver(options, context),
};
