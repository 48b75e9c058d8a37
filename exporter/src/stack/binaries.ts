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

export const HAPROXY: BinarySpec = {
  what: 'HAProxy',
  names: ['haproxy'],
  install: 'Debian/Ubuntu: sudo apt-get install -y --no-install-recommends haproxy; elsewhere: https://www.haproxy.org/',
};

/** The first executable named like the spec on PATH, or undefined. */
export function findBinary(spec: BinarySpec, envPath = process.env.PATH ?? ''): string | undefined {
  // Debian installs haproxy under /usr/sbin, which a user's PATH often lacks.
  for (const dir of [...envPath.split(path.delimiter).filter(Boolean), ...(envPath === process.env.PATH ? ['/usr/sbin', '/usr/local/sbin'] : [])]) {
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

/** The binary, or an error naming what is missing and the package that has it. */
export function requireBinary(spec: BinarySpec, envPath?: string): string {
  const found = findBinary(spec, envPath);
  if (!found) throw new Error(`${spec.what} is not installed (looked for ${spec.names.join(', ')} on PATH). Install it — ${spec.install} — and run again.`);
  return found;
}
