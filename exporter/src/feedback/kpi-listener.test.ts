import dgram from 'node:dgram';
import { isLoopback, listenForKpis } from './kpi-listener';
import { KpiWindow } from './kpi-window';

const LINE = '<134>haproxy[1]: shadowfleet_kpi profile=p status=200 ta_ms=5 backend=pool_a';

async function sendFrom(source: string, port: number, text: string): Promise<void> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, source, resolve));
  await new Promise<void>((resolve, reject) => s.send(text, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
  s.close();
}

async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!done()) throw new Error(`timed out waiting for ${what}`);
}

describe('KPI syslog listener', () => {
  it('records into every window, and drops datagrams from sources outside the allowlist', async () => {
    const profiles = new KpiWindow({ apdexThresholdMs: 100, windowSeconds: 60 });
    const backends = new KpiWindow({ apdexThresholdMs: 100, windowSeconds: 60, key: 'backend' });
    const listener = await listenForKpis([profiles, backends], '127.0.0.1', 0, { allowFrom: ['127.0.0.1'] });
    try {
      // 127.0.0.2 is another loopback address on Linux: a sender the allowlist does not name.
      await sendFrom('127.0.0.2', listener.port, LINE);
      await sendFrom('127.0.0.1', listener.port, LINE);
      await until(() => listener.rejected() === 1 && profiles.kpis().length === 1, 'one rejected and one recorded datagram');
      expect(profiles.kpis()[0]).toMatchObject({ profile: 'p', requests: 1 });
      expect(backends.kpis()[0]).toMatchObject({ profile: 'pool_a', requests: 1 });
    } finally {
      await listener.close();
    }
  });

  it('names a bad allowlist entry, and tells loopback hosts apart', async () => {
    const w = new KpiWindow({ apdexThresholdMs: 100, windowSeconds: 60 });
    await expect(listenForKpis(w, '127.0.0.1', 0, { allowFrom: ['haproxy.local'] })).rejects.toThrow('allowFrom must hold IP addresses, got "haproxy.local"');
    expect(['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1', 'localhost'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '10.0.0.5', '::', '192.168.1.2'].some(isLoopback)).toBe(false);
  });
});
