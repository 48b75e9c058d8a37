import http from 'node:http';
import { testAlertmanagerConfig } from '../e2e/provisioned-config';
import { Cleanup, startAlertmanager, waitFor, type RunningAlertmanager } from '../support/index';

/**
 * The shipped route on the real Alertmanager: a pool's next set-point must not wait for the previous
 * one's group. group_interval is set far beyond the test's waits, so a set-point that joined the previous
 * one's group (the route grouped by pool until round 8) would time out here.
 */
jest.setTimeout(90_000);

interface Notification {
  readonly groupLabels: Record<string, string>;
  readonly alerts: Array<{ status: string; labels: Record<string, string> }>;
}

async function notificationSink(): Promise<{ url: string; received: Notification[]; close(): Promise<void> }> {
  const received: Notification[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      received.push(JSON.parse(body) as Notification);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}/webhook`, received, close: () => new Promise((r) => server.close(() => r())) };
}

const setPoint = (target: string, endsAt: Date): Record<string, unknown> => ({
  labels: { alertname: 'ShadowfleetSetHosts', shadowfleet_action: 'set_hosts', pool: 'web', severity: 'info', target, pool_hosts: '12' },
  annotations: { summary: `pool web should have ${target} active host(s)` },
  startsAt: new Date(Date.now() - 1000).toISOString(),
  endsAt: endsAt.toISOString(),
});

async function post(am: RunningAlertmanager, alerts: Array<Record<string, unknown>>): Promise<void> {
  const res = await fetch(`${am.url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
  if (!res.ok) throw new Error(`POST /api/v2/alerts → ${res.status}: ${await res.text()}`);
}

describe('the shipped Alertmanager route, on the real Alertmanager', () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.run());

  it("sends each set-point in a group of its own, group_wait after it fires, not at the previous one's group_interval", async () => {
    const sink = await notificationSink();
    cleanup.add('the notification sink', () => sink.close());
    const am = await startAlertmanager({
      config: testAlertmanagerConfig(sink.url, 'token', { activationFor: '0s', keepFiringFor: '0s', groupWait: '1s', groupInterval: '10m' }),
      files: { token: 'test-token\n' },
    });
    cleanup.add('Alertmanager', () => am.stop());
    const later = new Date(Date.now() + 10 * 60_000);
    const firing = (target: string): Notification | undefined =>
      sink.received.find((n) => n.alerts.some((a) => a.status === 'firing' && a.labels.target === target));

    await post(am, [setPoint('5', later)]);
    await waitFor(async () => firing('5'), { what: 'the notification of target 5', timeoutMs: 30_000 });
    // The next step: the first set-point resolved (the pool reached 5) and the manager wants 6.
    await post(am, [setPoint('5', new Date()), setPoint('6', later)]);
    const second = await waitFor(async () => firing('6'), { what: 'the notification of target 6 (within group_wait, not the 10 m group_interval)', timeoutMs: 30_000 });

    expect(second.alerts.map((a) => a.labels.target)).toEqual(['6']);
    expect(second.groupLabels).toMatchObject({ pool: 'web', target: '6', pool_hosts: '12' });
  });
});
