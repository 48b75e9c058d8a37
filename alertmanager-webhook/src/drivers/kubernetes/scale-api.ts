import type { Logger } from '../../util/logger';
import { callOptions, describeKubernetesError, type AppsV1Api, type CoreV1Api, type V1Pod, type V1Scale } from './client';

/** A Deployment as the driver sees it: asked-for replicas (spec) and the pods that serve (Ready). */
export interface DeploymentView {
  readonly desired: number;
  readonly ready: number;
}

export interface ReplicaChange {
  readonly from: number;
  readonly to: number;
}

/** Ready as a Service sees it: the pod's `Ready` condition is True and it is not being deleted. */
export function isReady(pod: V1Pod): boolean {
  return !pod.metadata?.deletionTimestamp && (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

const isConflict = (err: unknown) => (err as { code?: number }).code === 409;

/**
 * The two reads and the one write the driver makes, in one namespace: the Deployment's scale
 * subresource (what an HPA and `kubectl scale` use) and its pods, found by the selector the scale
 * reports. Writes are conditional: the Scale goes back with the resourceVersion it was read with, and
 * a 409 Conflict (another writer came in between) means read again, decide again, try again.
 */
export class ScaleApi {
  constructor(
    private readonly apps: AppsV1Api,
    private readonly core: CoreV1Api,
    private readonly namespace: string,
    private readonly conflictRetries: number,
    private readonly logger: Logger,
  ) {}

  async readScale(name: string, signal?: AbortSignal): Promise<V1Scale> {
    return this.apps.readNamespacedDeploymentScale({ name, namespace: this.namespace }, callOptions(signal)).catch((err: unknown) => {
      throw describeKubernetesError(err, `GET deployments/${name}/scale in ${this.namespace}`);
    });
  }

  async view(name: string, signal?: AbortSignal): Promise<DeploymentView> {
    const scale = await this.readScale(name, signal);
    const selector = scale.status?.selector;
    if (!selector) throw new Error(`deployments/${name} in ${this.namespace} reports no pod selector in its scale subresource; is it a Deployment?`);
    const pods = await this.core.listNamespacedPod({ namespace: this.namespace, labelSelector: selector }, callOptions(signal)).catch((err: unknown) => {
      throw describeKubernetesError(err, `GET pods?labelSelector=${selector} in ${this.namespace}`);
    });
    // ScaleSpec.replicas is omitempty: `spec: {}` means 0.
    return { desired: scale.spec?.replicas ?? 0, ready: pods.items.filter(isReady).length };
  }

  /**
   * Sets the Deployment's replicas to `decide(current)`: read, decide, PUT the Scale with the read's
   * resourceVersion; on 409 Conflict read and decide again, at most `conflictRetries` more times.
   */
  async updateReplicas(name: string, decide: (current: number) => number, signal?: AbortSignal): Promise<ReplicaChange> {
    for (let attempt = 0; ; attempt++) {
      const scale = await this.readScale(name, signal);
      const from = scale.spec?.replicas ?? 0;
      const to = decide(from);
      if (to === from) return { from, to };
      try {
        await this.apps.replaceNamespacedDeploymentScale({ name, namespace: this.namespace, body: { ...scale, spec: { ...scale.spec, replicas: to } } }, callOptions(signal));
        this.logger.info({ namespace: this.namespace, deployment: name, from, to, resourceVersion: scale.metadata?.resourceVersion }, 'kubernetes deployment scaled');
        return { from, to };
      } catch (err) {
        if (!isConflict(err)) throw describeKubernetesError(err, `PUT deployments/${name}/scale in ${this.namespace}`);
        if (attempt >= this.conflictRetries) {
          throw new Error(`Kubernetes API PUT deployments/${name}/scale in ${this.namespace} answered 409 Conflict ${attempt + 1} times: other writers keep changing it; raise conflictRetries or find the other writer`);
        }
        this.logger.warn({ namespace: this.namespace, deployment: name, attempt: attempt + 1, resourceVersion: scale.metadata?.resourceVersion }, 'kubernetes scale conflict; reading again');
      }
    }
  }
}
