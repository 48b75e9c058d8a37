/** Writes TSDB blocks into a Prometheus data directory with Debian's promtool (before Prometheus starts). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PROMTOOL = '/usr/bin/promtool';

export function backfillOpenMetrics(openMetrics: string, tsdbDir: string): void {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'sf-backfill-'));
  try {
    const file = path.join(tmp, 'day.om');
    writeFileSync(file, openMetrics);
    mkdirSync(tsdbDir, { recursive: true });
    execFileSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', file, tsdbDir], { stdio: 'pipe' });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
