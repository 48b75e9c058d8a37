import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/index';

/** Every workspace (the root's `workspaces`) and the root itself. */
const manifests = ['.', ...(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces];
const manifest = (dir: string): { engines?: { node?: string }; dependencies?: Record<string, string>; devDependencies?: Record<string, string> } =>
  JSON.parse(readFileSync(path.join(repoRoot, dir, 'package.json'), 'utf8'));

describe('dependencies and engines', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  /** Named in the README's dependency table: by its own name, or by a `scope/*` row (`@types/*`, `@testing-library/*`). */
  const named = (dep: string): boolean => readme.includes(`\`${dep}\``) || (dep.startsWith('@') && readme.includes(`\`${dep.split('/')[0]}/*\``));

  it('every dependency of every workspace has its line in the README (the plugin’s scaffolded dev tools are one row)', () => {
    const missing: string[] = [];
    for (const dir of manifests) {
      const m = manifest(dir);
      const deps = Object.keys(m.dependencies ?? {});
      // The Grafana plugin's scaffold brings some 30 build and lint tools; the README gives them one row.
      const dev = dir === 'plugin' ? [] : Object.keys(m.devDependencies ?? {});
      for (const dep of [...deps, ...dev]) if (!dep.startsWith('@shadowfleet/') && !named(dep)) missing.push(`${dir}: ${dep}`);
    }
    expect(missing).toEqual([]);
  });

  it('every workspace states the same Node version, the one the code needs (≥ 20.19: require() of ES modules)', () => {
    expect(Object.fromEntries(manifests.map((dir) => [dir, manifest(dir).engines?.node]))).toEqual(Object.fromEntries(manifests.map((dir) => [dir, '>=20.19'])));
  });
});
