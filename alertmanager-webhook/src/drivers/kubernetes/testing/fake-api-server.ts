import { readFileSync } from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FakeCluster, type FakeDeployment, type FakePod } from './fake-cluster';
import { labelSelectorMatches } from './label-selector';
import { mergePatch } from './merge-patch';

/**
 * A loopback stand-in for the Kubernetes API server (no cluster can run here), exact for the calls the
 * driver makes: GET, PUT and PATCH `apis/apps/v1/namespaces/{ns}/deployments/{name}/scale` (an
 * autoscaling/v1 Scale) and GET `api/v1/namespaces/{ns}/pods?labelSelector=` (a PodList). As the real
 * server: `spec: {}` at 0 replicas (omitempty), pods with `Ready`/`ContainersReady`/`PodScheduled`
 * conditions and `deletionTimestamp`, a resourceVersion that moves with status too, 409 Conflict when a
 * PUT or patch names a stale `metadata.resourceVersion`, bearer auth and `Status` errors (400, 401, 404,
 * 405, 409, 415, 422). Status lags spec: pods come and go only when the FakeCluster's controllers run.
 * It serves HTTPS with the test-only certificate in ./tls, which the test kubeconfig trusts.
 */
export const FAKE_API_CA = readFileSync(path.join(__dirname, 'tls', 'server.crt'));
const FAKE_API_KEY = readFileSync(path.join(__dirname, 'tls', 'server.key'));

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
  readonly accept?: string;
  readonly body?: unknown;
}

type Send = (code: number, object: unknown) => void;

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
const IMPLEMENTED_PATCH_TYPES = ['application/merge-patch+json', 'application/strategic-merge-patch+json'];

export const status = (code: number, reason: string, message: string, details?: Record<string, unknown>) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });

export class FakeKubernetesApi {
  readonly cluster = new FakeCluster();
  readonly requests: RecordedRequest[] = [];
  private server: https.Server | undefined;
  private beforeWrite: (() => void)[] = [];

  constructor(readonly token: string) {}

  /** Runs `change` just before the next write is handled: a concurrent writer between the driver's read and its write. */
  interleave(change: () => void): void {
    this.beforeWrite.push(change);
  }

  async listen(): Promise<string> {
    this.server = https.createServer({ cert: FAKE_API_CA, key: FAKE_API_KEY }, (req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.cluster.stopControllers();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const contentType = req.headers['content-type']?.split(';')[0]?.trim();
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const method = req.method ?? '';
      this.requests.push({ method, path: `${url.pathname}${url.search}`, contentType, accept: req.headers.accept, body });
      const send: Send = (code, object) => {
        res.writeHead(code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(object));
      };
      if (req.headers.authorization !== `Bearer ${this.token}`) return send(401, status(401, 'Unauthorized', 'Unauthorized'));
      if (method === 'PUT' || method === 'PATCH') for (const change of this.beforeWrite.splice(0)) change();
      const scale = url.pathname.match(/^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)\/scale$/);
      const podList = url.pathname.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods$/);
      if (scale) return this.scale(method, scale[1]!, scale[2]!, contentType, body, send);
      if (podList && method === 'GET') return this.listPods(podList[1]!, url.searchParams.get('labelSelector') ?? '', send);
      send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    });
  }

  private checkPatchType(contentType: string | undefined, send: Send): boolean {
    if (!contentType || !PATCH_TYPES.includes(contentType)) {
      send(415, status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}`));
      return false;
    }
    if (!IMPLEMENTED_PATCH_TYPES.includes(contentType)) {
      send(500, status(500, 'InternalError', `the fake API server does not implement ${contentType} (the driver never sends it)`));
      return false;
    }
    return true;
  }

  private scaleObject(d: FakeDeployment) {
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: d.name, namespace: d.namespace, uid: d.uid, resourceVersion: String(d.resourceVersion), creationTimestamp: d.created },
      // ScaleSpec.replicas is `omitempty`: at 0 the API server sends `spec: {}`.
      spec: d.replicas === 0 ? {} : { replicas: d.replicas },
      status: { replicas: d.statusReplicas, selector: Object.entries(d.selector).map(([k, v]) => `${k}=${v}`).sort().join(',') },
    };
  }

  private scale(method: string, namespace: string, name: string, contentType: string | undefined, body: unknown, send: Send): void {
    const d = this.cluster.deployment(namespace, name);
    if (!d) return send(404, status(404, 'NotFound', `deployments.apps "${name}" not found`, { name, group: 'apps', kind: 'deployments' }));
    if (method === 'GET') return send(200, this.scaleObject(d));
    if (method !== 'PATCH' && method !== 'PUT') return send(405, status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
    if (method === 'PATCH' && !this.checkPatchType(contentType, send)) return;
    const updated = (method === 'PUT' ? body : mergePatch(this.scaleObject(d), body)) as { metadata?: { name?: unknown; resourceVersion?: unknown }; spec?: { replicas?: unknown } } | undefined;
    if (method === 'PUT' && updated?.metadata?.name !== name) {
      return send(400, status(400, 'BadRequest', `the name of the object (${String(updated?.metadata?.name)}) does not match the name on the URL (${name})`));
    }
    // A resourceVersion in the body is a precondition (optimistic concurrency); without one the update is unconditional.
    const rv = updated?.metadata?.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== String(d.resourceVersion)) {
      return send(409, status(409, 'Conflict', `Operation cannot be fulfilled on deployments.apps "${name}": the object has been modified; please apply your changes to the latest version and try again`, { name, group: 'apps', kind: 'deployments' }));
    }
    const replicas = updated?.spec?.replicas ?? 0;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      const message = `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`;
      return send(422, status(422, 'Invalid', `Scale.autoscaling "${name}" is invalid: spec.replicas: ${message}`, { name, group: 'autoscaling', kind: 'Scale', causes: [{ reason: 'FieldValueInvalid', message, field: 'spec.replicas' }] }));
    }
    if (replicas !== d.replicas) this.cluster.setReplicas(namespace, name, replicas);
    // The API server answers with the new spec; status catches up when the controllers have acted.
    send(200, this.scaleObject(d));
  }

  private podObject(p: FakePod) {
    const condition = (type: string, ok: boolean) => ({ type, status: ok ? 'True' : 'False', lastTransitionTime: new Date(0).toISOString() });
    return {
      metadata: {
        name: p.name,
        namespace: p.namespace,
        uid: p.uid,
        resourceVersion: String(p.resourceVersion),
        labels: p.labels,
        ...(p.deleting ? { deletionTimestamp: new Date(0).toISOString(), deletionGracePeriodSeconds: 30 } : {}),
      },
      spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }] },
      status: {
        phase: p.phase,
        conditions: [condition('PodScheduled', !p.stuck), condition('ContainersReady', p.ready), condition('Ready', p.ready)],
      },
    };
  }

  private listPods(namespace: string, selector: string, send: Send): void {
    let items;
    try {
      items = [...this.cluster.pods.values()].filter((p) => p.namespace === namespace && labelSelectorMatches(selector, p.labels)).map((p) => this.podObject(p));
    } catch (err) {
      return send(400, status(400, 'BadRequest', `unable to parse requirement: ${(err as Error).message}`));
    }
    send(200, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: String(this.cluster.currentVersion) }, items });
  }
}
