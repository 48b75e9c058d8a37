import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { loadConfig as loadExporterConfig } from '@shadowfleet/exporter';
import { tempDir } from '../support/index';
import { deployDir } from './generate';
import { materialisePod, type PodTemplate } from './pod-files';
import { loadManifests, schemaFindings, type ManifestObject } from './validate';

/** The shards overlay (deploy/kubernetes/shards): its JSON patch applied to the base StatefulSet as kustomize does. */
interface PatchOp {
  op: 'add' | 'replace';
  path: string;
  value: unknown;
}
function applyPatch(target: Record<string, unknown>, ops: readonly PatchOp[]): void {
  for (const { op, path: at, value } of ops) {
    const keys = at.split('/').slice(1);
    const last = keys.pop()!;
    let node = target as Record<string, unknown> | unknown[];
    for (const k of keys) node = (node as Record<string, unknown>)[k] as Record<string, unknown>;
    if (op === 'add' && last === '-' && Array.isArray(node)) node.push(value);
    else if (op === 'replace' && last in node) (node as Record<string, unknown>)[last] = value;
    else throw new Error(`cannot apply ${op} ${at}`);
  }
}

/** An object of the manifests read as the shape the test needs (the schema check holds it to the real one). */
const as = <T>(object: ManifestObject['object']): T => object as T;

type ShardStatefulSet = PodTemplate & { spec: { replicas: number; serviceName: string; template: { metadata: { labels: Record<string, string> } } } };

jest.setTimeout(120_000);

describe('deploy/kubernetes/shards: three exporter shards', () => {
  const overlay = yaml.load(readFileSync(path.join(deployDir, 'shards', 'kustomization.yaml'), 'utf8')) as { resources: string[]; patches: { target: { kind: string; name: string }; patch: string }[] };
  const manifests = loadManifests(deployDir, ['kustomization.yaml', 'shards/kustomization.yaml', 'hpa/prometheus-adapter-values.yaml']);
  const base = manifests.find((m) => m.object.kind === 'StatefulSet' && m.object.metadata?.name === 'shadowfleet-exporter')!;
  const patchedObject: ManifestObject['object'] = JSON.parse(JSON.stringify(base.object));
  applyPatch(patchedObject, yaml.load(overlay.patches[0]!.patch) as PatchOp[]);
  const patched = as<ShardStatefulSet>(patchedObject);
  const headless = as<{ metadata: { name: string }; spec: { clusterIP: string; selector: Record<string, string> } }>(manifests.find((m) => m.file === 'shards/headless-service.yaml')!.object);

  it('patches the base exporter StatefulSet, and the result still passes the Kubernetes schema', async () => {
    expect(overlay.resources).toEqual(['..', 'headless-service.yaml']);
    expect(overlay.patches[0]!.target).toEqual({ kind: 'StatefulSet', name: 'shadowfleet-exporter' });
    expect(await schemaFindings([{ file: 'shards/kustomization.yaml', where: 'patched StatefulSet/shadowfleet-exporter', object: patchedObject }])).toEqual([]);
  });

  it('every pod loads a valid shard config: its pod index, and one address per replica through the headless Service', () => {
    expect(headless.spec.clusterIP).toBe('None');
    expect(patched.spec.serviceName).toBe(headless.metadata.name);
    expect(patched.spec.template.metadata.labels).toMatchObject(headless.spec.selector);
    for (let i = 0; i < patched.spec.replicas; i++) {
      const root = tempDir('shard-pod');
      try {
        const config = loadExporterConfig(materialisePod(patched, manifests, root.path, 'k8s-test-secret-0123456789abcdef', i));
        expect(config.shardIndex).toBe(i);
        expect(config.shards).toEqual(Array.from({ length: patched.spec.replicas }, (_, n) => `http://shadowfleet-exporter-${n}.${headless.metadata.name}:9464`));
      } finally {
        root.remove();
      }
    }
  });
});
