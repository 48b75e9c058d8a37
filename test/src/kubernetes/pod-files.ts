import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ManifestObject } from './validate';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
}
interface Container {
  env?: EnvVar[];
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Volume {
  name: string;
  configMap?: { name: string };
  secret?: { secretName: string; items?: { key: string; path: string }[] };
}
export interface PodTemplate {
  spec: { template: { spec: { containers: Container[]; volumes?: Volume[] } }; volumeClaimTemplates?: { metadata: { name: string } }[] };
}

/**
 * What the kubelet would give the StatefulSet's first container, laid out under `root`: ConfigMap
 * volumes as files, Secret volumes and secretKeyRef variables filled with `secretValue`, claims as
 * empty folders, the pod index label for pod `podIndex`, and the environment with every path that
 * points into a mount moved under `root`.
 * A test can then start the real config loaders on it, as the container would.
 */
export function materialisePod(workload: PodTemplate, objects: readonly ManifestObject[], root: string, secretValue: string, podIndex = 0): NodeJS.ProcessEnv {
  const pod = workload.spec.template.spec;
  const container = pod.containers[0]!;
  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  const claims = new Set((workload.spec.volumeClaimTemplates ?? []).map((c) => c.metadata.name));
  const mounts = container.volumeMounts ?? [];
  for (const mount of mounts) {
    const dir = path.join(root, mount.mountPath);
    mkdirSync(dir, { recursive: true });
    const volume = volumes.get(mount.name);
    if (volume?.configMap) {
      const configMap = objects.find((o) => o.object.kind === 'ConfigMap' && o.object.metadata?.name === volume.configMap!.name);
      if (!configMap) throw new Error(`volume ${mount.name}: no ConfigMap ${volume.configMap.name} in deploy/kubernetes`);
      for (const [key, text] of Object.entries(configMap.object.data as Record<string, string>)) writeFileSync(path.join(dir, key), text);
    } else if (volume?.secret) {
      for (const item of volume.secret.items ?? []) writeFileSync(path.join(dir, item.path), `${secretValue}\n`);
    } else if (!volume && !claims.has(mount.name)) {
      throw new Error(`volumeMount ${mount.name} names no volume and no volumeClaimTemplate`);
    }
  }
  const inMount = (value: string) => mounts.some((m) => value === m.mountPath || value.startsWith(`${m.mountPath}/`));
  const env: NodeJS.ProcessEnv = {};
  for (const v of container.env ?? []) {
    if (v.valueFrom?.secretKeyRef) env[v.name] = secretValue;
    else if (v.valueFrom?.fieldRef) env[v.name] = fieldOf(v.valueFrom.fieldRef.fieldPath, podIndex);
    else if (v.value !== undefined) env[v.name] = inMount(v.value) ? path.join(root, v.value) : v.value;
  }
  return env;
}

/** The downward API fields the manifests use (a StatefulSet pod's index label), as the kubelet fills them. */
function fieldOf(fieldPath: string, podIndex: number): string {
  if (fieldPath === "metadata.labels['apps.kubernetes.io/pod-index']") return String(podIndex);
  throw new Error(`fieldRef ${fieldPath} is not one the test knows how to fill`);
}
