import type * as K8s from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import { createRequire } from 'node:module';

export type KubernetesModule = typeof K8s;
export type KubeConfig = K8s.KubeConfig;
export type AppsV1Api = K8s.AppsV1Api;
export type CoreV1Api = K8s.CoreV1Api;
export type V1Pod = K8s.V1Pod;
export type V1Scale = K8s.V1Scale;

let loaded: KubernetesModule | undefined;

/**
 * @kubernetes/client-node 1.x is ESM-only. Node 20.19+ loads it with require() (require(esm)), which
 * keeps this package CommonJS; it is loaded on first use so pools on other drivers never pay for it.
 * (2.x needs Node 22: its undici 8 fails to load on Node 20.)
 */
export function kubernetesClient(): KubernetesModule {
  loaded ??= createRequire(__filename)('@kubernetes/client-node') as KubernetesModule;
  return loaded;
}

/**
 * Per-call options: the abort signal of the delivery (an aborted or timed-out delivery cancels the HTTP
 * request in flight, and one aborted before the call sends nothing) and, for patches, the Content-Type.
 */
export function callOptions(signal: AbortSignal | undefined, contentType?: string): K8s.ConfigurationOptions | undefined {
  const k8s = kubernetesClient();
  let options: K8s.ConfigurationOptions | undefined;
  if (signal) {
    const withSignal: K8s.ObservableMiddleware = {
      pre: (request) => {
        request.setSignal(signal);
        return new k8s.Observable(Promise.resolve(request));
      },
      post: (response) => new k8s.Observable(Promise.resolve(response)),
    };
    options = { middleware: [withSignal], middlewareMergeStrategy: 'append' };
  }
  return contentType ? k8s.setHeaderOptions('Content-Type', contentType, options) : options;
}

/** `GET /x answered 404: deployments.apps "web" not found` from the client's ApiException. */
export function describeKubernetesError(err: unknown, what: string): Error {
  const e = err as { code?: number; body?: unknown; message?: string };
  if (typeof e.code === 'number') {
    // The generated client drops the body of some documented codes (401) and keeps "Message: …" instead.
    const fallback = e.message?.match(/Message: (.*)/)?.[1] ?? e.message ?? '';
    let message = e.body === undefined ? fallback : typeof e.body === 'string' ? e.body : JSON.stringify(e.body);
    try {
      const status = (typeof e.body === 'string' ? JSON.parse(e.body) : e.body) as { message?: string };
      if (status?.message) message = status.message;
    } catch {
      // keep the raw body
    }
    return new Error(`Kubernetes API ${what} answered ${e.code}: ${message}`);
  }
  return new Error(`Kubernetes API ${what} failed: ${e.message ?? String(err)}`);
}
