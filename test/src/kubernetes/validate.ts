import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import ts from 'typescript';
import { repoRoot } from '../support/tools';

/** One object of a manifest file; `where` names it in errors (`webhook.yaml#3 StatefulSet/shadowfleet-webhook`). */
export interface ManifestObject {
  readonly file: string;
  readonly where: string;
  readonly object: Record<string, unknown> & { apiVersion: string; kind: string; metadata?: { name?: string; namespace?: string } };
}

export interface Finding {
  readonly where: string;
  readonly error: string;
}

/** The Kubernetes objects in the YAML files under `dir` (recursively), skipping files that are not (kustomization, Helm values). */
export function loadManifests(dir: string, skip: readonly string[]): ManifestObject[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml') && !skip.includes(f))
    .sort();
  return files.flatMap((file) =>
    yaml.loadAll(readFileSync(path.join(dir, file), 'utf8')).flatMap((doc, i) => {
      if (doc === null || doc === undefined) return [];
      const object = doc as ManifestObject['object'];
      return [{ file, where: `${file}#${i + 1} ${object.kind}/${object.metadata?.name ?? '?'}`, object }];
    }),
  );
}

/** Where kubernetes-models keeps the model (and its `I<Kind>` interface) for an apiVersion. */
export function modelModule(apiVersion: string): string | undefined {
  if (apiVersion === 'v1') return 'kubernetes-models/v1';
  const [group, version] = apiVersion.split('/');
  if (group === 'monitoring.coreos.com') return `@kubernetes-models/prometheus-operator/monitoring.coreos.com/${version}`;
  if (group === 'keda.sh') return `@kubernetes-models/keda/keda.sh/${version}`;
  return version ? `kubernetes-models/${group}/${version}` : undefined;
}

/** Schema validation (types, required fields, patterns, formats) in a Node ESM process: ./schema-check.mjs. */
export function schemaFindings(objects: readonly ManifestObject[]): Promise<Finding[]> {
  const script = path.join(repoRoot, 'test', 'src', 'kubernetes', 'schema-check.mjs');
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [script], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`schema-check.mjs failed: ${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout) as Finding[]);
    });
    child.stdin!.end(JSON.stringify(objects.map(({ where, object }) => ({ where, object }))));
  });
}

/**
 * Unknown fields, as `kubectl apply` (server-side strict field validation) refuses them: every object
 * is type-checked as an object literal against its kubernetes-models interface, whose excess-property
 * check names any field the schema does not have, at any depth.
 */
export function unknownFieldFindings(objects: readonly ManifestObject[]): Finding[] {
  const dir = path.join(repoRoot, 'node_modules', '.cache', `shadowfleet-manifest-check-${process.pid}`);
  const file = path.join(dir, 'manifests.mts');
  const lines: string[] = [];
  const findings: Finding[] = [];
  const lineOf = new Map<number, string>();
  objects.forEach(({ where, object }, i) => {
    const module = modelModule(object.apiVersion);
    if (!module) return void findings.push({ where, error: `no schema for apiVersion ${object.apiVersion}` });
    lines.push(`import type { I${object.kind} as T${i} } from '${module}/${object.kind}';`);
  });
  objects.forEach(({ where, object }, i) => {
    if (!modelModule(object.apiVersion)) return;
    lineOf.set(lines.length, where);
    lines.push(`export const o${i}: T${i} = ${JSON.stringify(object)};`);
  });
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(file, `${lines.join('\n')}\n`);
    const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true, types: [] });
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
      findings.push({ where: lineOf.get(line) ?? `imports (line ${line + 1})`, error: ts.flattenDiagnosticMessageText(d.messageText, ' ') });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return findings;
}
