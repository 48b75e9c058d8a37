import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { replaceMap, runtimeCommand } from '@shadowfleet/haproxy-runtime';
import { loadConfig, priority } from '@shadowfleet/exporter';
import { launchHaproxy } from '../../support/index';
import { round } from '../webhook/process';

/**
 * How long the exporter's atomic map replacement (prepare map, add map @ver in payload chunks, commit map)
 * takes on a real HAProxy for maps of `sizes` entries, and what HAProxy counts after the commit.
 */
export async function measureMapReplace(sizes: readonly number[] = [10_000, 100_000, 1_000_000]) {
  const mapFile = path.join(os.tmpdir(), `sf-bench-map-${process.pid}.map`);
  writeFileSync(mapFile, '');
  const haproxy = await launchHaproxy('bench-map', (port, socketPath) =>
    [
      'global',
      `  stats socket ${socketPath} mode 600 level operator`,
      'defaults',
      '  mode http',
      '  timeout connect 1s',
      '  timeout client 1s',
      '  timeout server 1s',
      'frontend entry',
      `  bind 127.0.0.1:${port}`,
      ...priority.haproxyPriorityLines(loadConfig({}).userIdentity, mapFile).map((l) => `  ${l}`),
      '  default_backend app',
      'backend app',
      '  server a 127.0.0.1:9',
      '',
    ].join('\n'),
  );
  try {
    const out = [];
    for (const n of sizes) {
      const entries = Array.from({ length: n }, (_, i) => [`user-${i}`, String(i % 11)] as const);
      const t0 = performance.now();
      const r = await replaceMap(haproxy.socketPath, mapFile, entries);
      const seconds = (performance.now() - t0) / 1000;
      const line = (await runtimeCommand(haproxy.socketPath, 'show map')).split('\n').find((l) => l.includes(mapFile)) ?? '';
      out.push({ entries: n, seconds: round(seconds, 2), add_map_calls: r.calls, haproxy_entry_cnt: Number(/entry_cnt=(\d+)/.exec(line)?.[1]) });
    }
    return { load_average_at_start: os.loadavg().map((l) => round(l, 1)), replacements: out };
  } finally {
    await haproxy.stop();
  }
}
