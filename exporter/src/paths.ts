import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root (exporter/dist/paths.js and exporter/src/paths.ts are both two levels down). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** Small attributed slices of real data bundled with the project (see data/README.md). */
export const sampleDataDir = path.join(repoRoot, 'data', 'samples');

/** The full public datasets, present on development machines only (../shared/data). */
export const sharedDataDir = path.resolve(repoRoot, '..', 'shared', 'data');

/** Path of a file in ../shared/data, or undefined when that folder is absent. */
export function sharedData(relative: string): string | undefined {
  const p = path.join(sharedDataDir, relative);
  return existsSync(p) ? p : undefined;
}
