import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { labelSelectorMatches } from './label-selector';
import { mergePatch } from './merge-patch';

/**
 * A loopback stand-in for the Kubernetes API server, exact for the four calls the driver makes (no
 * cluster can run here): GET/PATCH `apis/apps/v1/namespaces/{ns}/deployments/{name}/scale` (an
 * autoscaling/v1 Scale), GET `api/v1/namespaces/{ns}/pods?labelSelector=` (a PodList) and PATCH
 * `api/v1/namespaces/{ns}/pods/{name}`. Paths, verbs, patch content types, bearer auth, response objects
 * and `Status` errors (401, 404, 405, 415, 422) follow the real API server; everything else is 404.
 * It serves HTTPS with the test-only certificate in ./tls, which the test kubeconfig trusts.
 */
export const FAKE_API_CA = readFileSync(path.join(__dirname, 'tls', 'server.crt'));
const FAKE_API_KEY = readFileSync(path.join(__dirname, 'tls', 'server.key'));

export interface FakeDeployment {
  replicas: number;
  selector: Record<string, string>;
  uid: string;
  resourceVersion: number;
  created: string;
}

export interface FakePod {
  name: string;
  labels: Record<string, string>;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  uid: string;
  resourceVersion: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
  readonly accept?: string;
  readonly body?: unknown;
}

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
const IMPLEMENTED_PATCH_TYPES = ['application/merge-patch+json', 'application/strategic-merge-patch+json'];

const status = (code: number, reason: string, message: string, details?: Record<string, unknown>) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });

export class FakeKubernetesApi {
  readonly deployments = new Map<string, FakeDeployment>();
  readonly pods = new Map<string, FakePod>();
  readonly requests: RecordedRequest[] = [];
  private server: https.Server | undefined;
  private version = 1000;

  constructor(readonly token: string) {}

  addDeployment(namespace: string, name: string, replicas: number, selector: Record<string, string>): void {
    this.deployments.set(`${namespace}/${name}`, { replicas, selector, uid: randomUUID(), resourceVersion: ++this.version, created: new Date().toISOString() });
  }

  addPod(namespace: string, name: string, labels: Record<string, string>, phase: FakePod['phase'] = 'Running'): void {
    this.pods.set(`${namespace}/${name}`, { name, labels, phase, uid: randomUUID(), resourceVersion: ++this.version });
  }

  async listen(): Promise<string> {
    this.server = https.createServer({ cert: FAKE_API_CA, key: FAKE_API_KEY }, (req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
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
      this.requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, contentType, accept: req.headers.accept, body });
      const send = (code: number, object: unknown) => {
        res.writeHead(code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(object));
      };
      if (req.headers.authorization !== `Bearer ${this.token}`) return send(401, status(401, 'Unauthorized', 'Unauthorized'));
      const scale = url.pathname.match(/^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)\/scale$/);
      const podList = url.pathname.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods$/);
      const pod = url.pathname.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)$/);
      if (scale) return this.scale(req.method!, scale[1]!, scale[2]!, contentType, body, send);
      if (podList && req.method === 'GET') return this.listPods(podList[1]!, url.searchParams.get('labelSelector') ?? '', send);
      if (pod && req.method === 'PATCH') return this.patchPod(pod[1]!, pod[2]!, contentType, body, send);
      send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    });
  }

  private checkPatchType(contentType: string | undefined, send: (c: number, o: unknown) => void): boolean {
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

  private scaleObject(namespace: string, name: string, d: FakeDeployment, statusReplicas = d.replicas) {
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name, namespace, uid: d.uid, resourceVersion: String(d.resourceVersion), creationTimestamp: d.created },
      spec: { replicas: d.replicas },
      status: { replicas: statusReplicas, selector: Object.entries(d.selector).map(([k, v]) => `${k}=${v}`).join(',') },
    };
  }

  private scale(method: string, namespace: string, name: string, contentType: string | undefined, body: unknown, send: (c: number, o: unknown) => void): void {
    const d = this.deployments.get(`${namespace}/${name}`);
    if (!d) return send(404, status(404, 'NotFound', `deployments.apps "${name}" not found`, { name, group: 'apps', kind: 'deployments' }));
    if (method === 'GET') return send(200, this.scaleObject(namespace, name, d));
    if (method !== 'PATCH' && method !== 'PUT') return send(405, status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`));
    if (method === 'PUT' || !this.checkPatchType(contentType, send)) {
      if (method === 'PUT') send(500, status(500, 'InternalError', 'the fake API server does not implement PUT (the driver never sends it)'));
      return;
    }
    const patched = mergePatch(this.scaleObject(namespace, name, d), body) as { spec?: { replicas?: unknown } };
    const replicas = patched.spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      const message = `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`;
      return send(422, status(422, 'Invalid', `Scale.autoscaling "${name}" is invalid: spec.replicas: ${message}`, { name, group: 'autoscaling', kind: 'Scale', causes: [{ reason: 'FieldValueInvalid', message, field: 'spec.replicas' }] }));
    }
    const before = d.replicas;
    d.replicas = replicas;
    d.resourceVersion = ++this.version;
    // The API server answers with the new spec; status catches up when the controller has acted.
    send(200, this.scaleObject(namespace, name, d, before));
  }

  private podObject(namespace: string, p: FakePod, withKind: boolean) {
    return {
      ...(withKind ? { kind: 'Pod', apiVersion: 'v1' } : {}),
      metadata: { name: p.name, namespace, uid: p.uid, resourceVersion: String(p.resourceVersion), labels: p.labels },
      spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }] },
      status: { phase: p.phase },
    };
  }

  private listPods(namespace: string, selector: string, send: (c: number, o: unknown) => void): void {
    let items;
    try {
      items = [...this.pods.entries()].filter(([key, p]) => key.startsWith(`${namespace}/`) && labelSelectorMatches(selector, p.labels)).map(([, p]) => this.podObject(namespace, p, false));
    } catch (err) {
      return send(400, status(400, 'BadRequest', `unable to parse requirement: ${(err as Error).message}`));
    }
    send(200, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: String(this.version) }, items });
  }

  private patchPod(namespace: string, name: string, contentType: string | undefined, body: unknown, send: (c: number, o: unknown) => void): void {
    const p = this.pods.get(`${namespace}/${name}`);
    if (!p) return send(404, status(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' }));
    if (!this.checkPatchType(contentType, send)) return;
    const patched = mergePatch(this.podObject(namespace, p, true), body) as { metadata: { labels?: Record<string, string> } };
    p.labels = patched.metadata.labels ?? {};
    p.resourceVersion = ++this.version;
    send(200, this.podObject(namespace, p, true));
  }
}
