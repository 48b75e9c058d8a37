import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getThrough, HaproxyDriver, makeAlert, notification, startBackend, startHaproxy } from '@shadowfleet/alertmanager-webhook';
import { silentLogger } from '@shadowfleet/service-kit';
import { percentile, postAlerts, round, startWebhookProcess, TOKEN } from './process';

/**
 * Time from sending a firing alert to the webhook until a shadow server in a real HAProxy answers
 * traffic: the client polls the HAProxy frontend on fresh connections until the shadow answers.
 */
export async function measureActivation(trials = 20) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-activation-'));
  const backends = await Promise.all(['s1', 's2'].map((n) => startBackend(n)));
  const haproxy = await startHaproxy(backends, ['s2']);
  const options = { socket: haproxy.socket, backend: 'web', servers: ['s1', 's2'], drainTimeoutSeconds: 1 };
  const service = await startWebhookProcess(
    { dataDir: path.join(dir, 'data'), auth: { type: 'bearer', token: TOKEN }, pools: { web: { driver: 'haproxy', min: 1, max: 2, cooldownSeconds: 0, scaleBack: { enabled: false }, options } } },
    dir,
  );
  const reset = new HaproxyDriver(options, { pool: 'web', logger: silentLogger() });
  const totals: number[] = [];
  const answers: number[] = [];
  try {
    for (let t = 0; t < trials; t++) {
      await reset.apply(reset.plan(await reset.status(), 1));
      const body = JSON.stringify(notification([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web', tier: '3' })]));
      const t0 = performance.now();
      const res = await postAlerts(service.url, body);
      await res.arrayBuffer();
      answers.push(performance.now() - t0);
      for (let polls = 0; ; polls++) {
        if ((await getThrough(haproxy.frontendPort)).body === 's2') break;
        if (polls > 20_000) throw new Error('shadow server s2 never answered');
      }
      totals.push(performance.now() - t0);
    }
    const s = [...totals].sort((a, b) => a - b);
    const a = [...answers].sort((x, y) => x - y);
    return {
      trials,
      receipt_to_serving_ms: { p50: round(percentile(s, 50)), p90: round(percentile(s, 90)), max: round(s.at(-1)!) },
      webhook_answer_ms: { p50: round(percentile(a, 50)), p90: round(percentile(a, 90)) },
    };
  } finally {
    await service.stop();
    await haproxy.stop();
    await Promise.all(backends.map((b) => b.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}
