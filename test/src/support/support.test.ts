import http from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Cleanup, servedBy, startAlertmanager, startHaproxy, startPrometheus, startWorker, tempDir, waitFor } from './index';

/** A tiny in-process HTTP server: serves a gauge on /metrics and records POSTed bodies. */
async function gaugeAndSink(): Promise<{ port: number; setGauge(v: number): void; received: unknown[]; close(): Promise<void> }> {
  let gauge = 0;
  const received: unknown[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics') {
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      res.end(`# TYPE support_test_gauge gauge\nsupport_test_gauge ${gauge}\n`);
      return;
    }
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      received.push({ auth: req.headers.authorization, body: JSON.parse(body) as unknown });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    setGauge: (v) => (gauge = v),
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

jest.setTimeout(60_000);

describe('loopback server helpers', () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.run());

  it('HAProxy keeps a maintenance server out of rotation until the runtime API sets it ready', async () => {
    const a = await startWorker('a');
    cleanup.add('worker a', a.stop);
    const s = await startWorker('s');
    cleanup.add('worker s', s.stop);
    const lb = await startHaproxy({ backend: 'pool', servers: [{ name: 'a', address: a.address }, { name: 's', address: s.address, maintenance: true }] });
    cleanup.add('haproxy', lb.stop);

    const before = new Set<string>();
    for (let i = 0; i < 6; i++) before.add(await servedBy(lb.url));
    expect([...before]).toEqual(['a']);
    expect((await lb.serverStates()).find((x) => x.name === 's')?.inMaintenance).toBe(true);

    await lb.command('set server pool/s state ready');
    const after = new Set<string>();
    for (let i = 0; i < 6; i++) after.add(await servedBy(lb.url));
    expect([...after].sort()).toEqual(['a', 's']);
    expect(await s.served()).toBeGreaterThan(0);
  });

  it('Prometheus waits for its targets, evaluates a rule, and Alertmanager delivers it with the configured bearer token', async () => {
    const sink = await gaugeAndSink();
    cleanup.add('sink', sink.close);
    const am = await startAlertmanager({
      config: [
        'route: { receiver: sink, group_wait: 0s, group_interval: 1s, repeat_interval: 1h }',
        'receivers:',
        '  - name: sink',
        '    webhook_configs:',
        `      - url: http://127.0.0.1:${sink.port}/hook`,
        '        http_config: { authorization: { type: Bearer, credentials_file: token } }',
        '',
      ].join('\n'),
      files: { token: 'support-test-token-0123456789' },
    });
    cleanup.add('alertmanager', am.stop);
    const rules = tempDir('rules');
    cleanup.add('rules dir', rules.remove);
    const ruleFile = path.join(rules.path, 'rules.yml');
    writeFileSync(ruleFile, 'groups:\n  - name: t\n    rules:\n      - alert: GaugeHigh\n        expr: support_test_gauge > 5\n');
    const prom = await startPrometheus({ scrape: [{ job: 'gauge', targets: [`127.0.0.1:${sink.port}`] }], ruleFiles: [ruleFile], alertmanagers: [am.address] });
    cleanup.add('prometheus', prom.stop);

    expect((await prom.query('up{job="gauge"}'))[0]?.value).toBe(1);
    sink.setGauge(10);
    await waitFor(async () => sink.received.length > 0, { what: 'webhook delivery', timeoutMs: 20_000 });
    const first = sink.received[0] as { auth: string; body: { alerts: Array<{ labels: Record<string, string>; status: string }> } };
    expect(first.auth).toBe('Bearer support-test-token-0123456789');
    expect(first.body.alerts[0]).toMatchObject({ status: 'firing', labels: { alertname: 'GaugeHigh' } });
  });
});
