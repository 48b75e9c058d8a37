import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** A program the local stack can run, the names it goes by, and how to get it when it is missing. */
export interface BinarySpec {
  readonly what: string;
  readonly names: readonly string[];
  readonly install: string;
}

export const PROMETHEUS: BinarySpec = {
  what: 'Prometheus',
  names: ['prometheus'],
  install: 'Debian/Ubuntu: sudo apt-get install -y --no-install-recommends prometheus; elsewhere: https://prometheus.io/download/',
};

export const ALERTMANAGER: BinarySpec = {
  what: 'Alertmanager',
  // Debian names the binary prometheus-alertmanager; upstream tarballs call it alertmanager.
  names: ['prometheus-alertmanager', 'alertmanager'],
  install: 'Debian/Ubuntu: sudo apt-get install -y --no-install-recommends prometheus-alertmanager; elsewhere: https://prometheus.io/download/#alertmanager',
};

/** The first executable named like the spec on PATH, or undefined. */
export function findBinary(spec: BinarySpec, envPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    for (const name of spec.names) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
