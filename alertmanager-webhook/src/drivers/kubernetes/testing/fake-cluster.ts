import { randomUUID } from 'node:crypto';

/**
 * The state behind the fake API server, with the parts of a cluster the driver depends on and that a
 * bare object store lacks: a Deployment controller that creates and deletes pods only when it runs
 * (status lags spec), a kubelet that takes a created pod through Pending to Running and then Ready,
 * a namespace pod quota that leaves replicas uncreated, evictions, and a resourceVersion that moves on
 * every change of an object, status included (as etcd's does). Tests step it (`runControllers`) or run
 * it in the background (`startControllers`).
 */
export interface FakePod {
  readonly namespace: string;
  readonly name: string;
  readonly owner: string;
  readonly uid: string;
  readonly labels: Record<string, string>;
  phase: 'Pending' | 'Running';
  ready: boolean;
  /** Set on deletion; the controller removes the pod on its next pass. */
  deleting: boolean;
  /** Pods the kubelet must leave Pending (e.g. unschedulable). */
  stuck: boolean;
  resourceVersion: number;
}

export interface FakeDeployment {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly created: string;
  readonly selector: Record<string, string>;
  /** spec.replicas */
  replicas: number;
  generation: number;
  /** status.replicas / status.readyReplicas as last written by the controller. */
  statusReplicas: number;
  readyReplicas: number;
  resourceVersion: number;
}

const key = (namespace: string, name: string) => `${namespace}/${name}`;

export class FakeCluster {
  readonly deployments = new Map<string, FakeDeployment>();
  readonly pods = new Map<string, FakePod>();
  /** Most pods a namespace may hold (a ResourceQuota on `pods`); pods past it are not created. */
  readonly podQuota = new Map<string, number>();
  private version = 1000;
  private podSeq = 0;
  private timer: NodeJS.Timeout | undefined;

  nextVersion(): number {
    return ++this.version;
  }

  get currentVersion(): number {
    return this.version;
  }

  /** A Deployment whose pods already run and are Ready (a converged cluster). */
  addDeployment(namespace: string, name: string, replicas: number, selector: Record<string, string>): FakeDeployment {
    const d: FakeDeployment = { namespace, name, uid: randomUUID(), created: new Date(0).toISOString(), selector, replicas, generation: 1, statusReplicas: 0, readyReplicas: 0, resourceVersion: this.nextVersion() };
    this.deployments.set(key(namespace, name), d);
    for (let i = 0; i < replicas; i++) Object.assign(this.createPod(d), { phase: 'Running', ready: true });
    this.updateStatus(d);
    return d;
  }

  deployment(namespace: string, name: string): FakeDeployment | undefined {
    return this.deployments.get(key(namespace, name));
  }

  /** Changes spec.replicas as any writer would (kubectl, an HPA, another webhook replica). */
  setReplicas(namespace: string, name: string, replicas: number): void {
    const d = this.deployment(namespace, name)!;
    d.replicas = replicas;
    d.generation++;
    d.resourceVersion = this.nextVersion();
  }

  podsOf(d: FakeDeployment): FakePod[] {
    return [...this.pods.values()].filter((p) => p.owner === key(d.namespace, d.name));
  }

  readyPods(namespace: string, name: string): number {
    return this.podsOf(this.deployment(namespace, name)!).filter((p) => p.ready && !p.deleting).length;
  }

  /** An eviction or a node drain: the pod goes; its Deployment's controller replaces it. */
  evict(namespace: string, podName: string): void {
    const p = this.pods.get(key(namespace, podName));
    if (p) this.markDeleting(p);
  }

  /** One pass of the Deployment controller and the kubelet. */
  runControllers(): void {
    for (const p of [...this.pods.values()]) if (p.deleting) this.pods.delete(key(p.namespace, p.name));
    for (const p of this.pods.values()) {
      if (p.phase === 'Pending' && !p.stuck) Object.assign(p, { phase: 'Running', ready: true, resourceVersion: this.nextVersion() });
    }
    for (const d of this.deployments.values()) {
      const live = this.podsOf(d).filter((p) => !p.deleting);
      for (let i = live.length; i < d.replicas && this.quotaLeft(d.namespace) > 0; i++) this.createPod(d);
      // The ReplicaSet controller deletes not-ready pods before ready ones, newer before older.
      const surplus = live.sort((a, b) => Number(a.ready) - Number(b.ready) || b.name.localeCompare(a.name)).slice(0, Math.max(0, live.length - d.replicas));
      for (const p of surplus) this.markDeleting(p);
      this.updateStatus(d);
    }
  }

  startControllers(intervalMs: number): void {
    this.timer ??= setInterval(() => this.runControllers(), intervalMs);
  }

  stopControllers(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private quotaLeft(namespace: string): number {
    const used = [...this.pods.values()].filter((p) => p.namespace === namespace).length;
    return (this.podQuota.get(namespace) ?? Infinity) - used;
  }

  private createPod(d: FakeDeployment): FakePod {
    const pod: FakePod = {
      namespace: d.namespace,
      name: `${d.name}-${(++this.podSeq).toString(36).padStart(5, '0')}`,
      owner: key(d.namespace, d.name),
      uid: randomUUID(),
      labels: { ...d.selector },
      phase: 'Pending',
      ready: false,
      deleting: false,
      stuck: false,
      resourceVersion: this.nextVersion(),
    };
    this.pods.set(key(d.namespace, pod.name), pod);
    return pod;
  }

  private markDeleting(p: FakePod): void {
    Object.assign(p, { deleting: true, ready: false, resourceVersion: this.nextVersion() });
  }

  private updateStatus(d: FakeDeployment): void {
    const live = this.podsOf(d).filter((p) => !p.deleting);
    const ready = live.filter((p) => p.ready).length;
    if (live.length === d.statusReplicas && ready === d.readyReplicas) return;
    Object.assign(d, { statusReplicas: live.length, readyReplicas: ready, resourceVersion: this.nextVersion() });
  }
}
