import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryLogger } from '@shadowfleet/service-kit/testing';
import { KubernetesDriver, kubernetesOptions } from '../kubernetes-driver';
import { FAKE_API_CA, FakeKubernetesApi } from './fake-api-server';

export const TOKEN = 'test-token-0123456789';

export interface SetupOptions {
  /** Driver options merged over the defaults (namespace shop, serving `web`, standby `web-standby` keeping 2). */
  readonly driver?: Record<string, unknown>;
  /** The bearer token the kubeconfig presents (the server expects TOKEN). */
  readonly token?: string;
  readonly serving?: number;
  readonly standby?: number;
  /** Run the fake cluster's controllers every few milliseconds (status follows spec by itself). */
  readonly controllers?: boolean;
}

/** A fake API server with a serving and a standby Deployment, and a driver pointed at it through a kubeconfig. */
export async function setupKubernetes(o: SetupOptions = {}) {
  const api = new FakeKubernetesApi(TOKEN);
  api.cluster.addDeployment('shop', 'web', o.serving ?? 1, { app: 'web', 'shadowfleet.io/role': 'serving' });
  api.cluster.addDeployment('shop', 'web-standby', o.standby ?? 2, { app: 'web', 'shadowfleet.io/role': 'standby' });
  const server = await api.listen();
  if (o.controllers) api.cluster.startControllers(5);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-kube-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'fake', cluster: { server, 'certificate-authority-data': FAKE_API_CA.toString('base64') } }],
      users: [{ name: 'webhook', user: { token: o.token ?? TOKEN } }],
      contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'webhook' } }],
      'current-context': 'fake',
    }),
  );
  const logger = memoryLogger();
  const makeDriver = (extra: Record<string, unknown> = {}) =>
    new KubernetesDriver(
      kubernetesOptions.parse({ kubeconfig, namespace: 'shop', deployment: 'web', standby: { deployment: 'web-standby', replicas: 2 }, readyTimeoutSeconds: o.controllers ? 10 : 0, readyPollSeconds: 0.01, ...o.driver, ...extra }),
      { pool: 'web', logger },
    );
  const driver = makeDriver();
  /** Ready serving pods, read from the cluster's state rather than through the driver. */
  const observe = async () => api.cluster.readyPods('shop', 'web');
  const teardown = async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { api, cluster: api.cluster, driver, makeDriver, logger, observe, teardown, server, kubeconfig };
}
