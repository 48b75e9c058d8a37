import dgram from 'node:dgram';
import { silentLogger } from '@shadowfleet/service-kit';
import { loadConfig } from '../config';
import { startExporter } from '../server';
import { DuckDbEventStore } from '../store/duckdb-store';

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  const { port } = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('exporter with SHADOWFLEET_KPI_SYSLOG_PORT', () => {
  it('receives KPI log lines, serves GET /v1/kpis and the shadowfleet_kpi_* gauges, and frees the port on close', async () => {
    const port = await freeUdpPort();
    const config = loadConfig({ SHADOWFLEET_KPI_SYSLOG_PORT: String(port), SHADOWFLEET_APDEX_THRESHOLD_MS: '100' }, { port: 0, dataDir: '/nonexistent', noAuth: true, importSamples: false });
    const ex = await startExporter(config, { store: await DuckDbEventStore.open({ path: ':memory:' }), logger: silentLogger() });
    try {
      const client = dgram.createSocket('udp4');
      for (const ms of [20, 30, 250]) {
        await new Promise<void>((resolve, reject) =>
          client.send(`<134>Nov 27 22:00:00 haproxy[1]: shadowfleet_kpi profile=p-1 status=200 ta_ms=${ms}`, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
        );
      }
      client.close();
      let body: { profiles: Array<{ profile: string; requests: number; apdex: number }> } = { profiles: [] };
      for (let i = 0; i < 50 && (body.profiles[0]?.requests ?? 0) < 3; i++) {
        body = (await (await fetch(`${ex.url}/v1/kpis`)).json()) as typeof body;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(body.profiles[0]).toMatchObject({ profile: 'p-1', requests: 3 });
      expect(body.profiles[0].apdex).toBeCloseTo((2 + 1 / 2) / 3, 10);
      expect(await (await fetch(`${ex.url}/metrics`)).text()).toContain('shadowfleet_kpi_apdex{profile="p-1"} 0.833');
      const bad = await fetch(`${ex.url}/v1/kpis?from=10&to=abc`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { message: string }).message).toBe('from and to must both be epoch milliseconds, got from=10 to=abc');
      const none = (await (await fetch(`${ex.url}/v1/kpis?from=1&to=2`)).json()) as { profiles: unknown[]; backends: unknown[] };
      expect(none).toEqual({ profiles: [], backends: [] });
    } finally {
      await ex.close();
    }
    // The port is free again.
    const again = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => again.bind(port, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => again.close(() => resolve()));
  });

  it('listens on loopback unless told otherwise (the syslog port is unauthenticated)', () => {
    expect(loadConfig({ SHADOWFLEET_KPI_SYSLOG_PORT: '5514' }).kpiSyslogHost).toBe('127.0.0.1');
  });

  it('drops datagrams from addresses outside SHADOWFLEET_KPI_SYSLOG_ALLOW_FROM, and names a bad address', async () => {
    expect(() => loadConfig({ SHADOWFLEET_KPI_SYSLOG_ALLOW_FROM: '127.0.0.1, haproxy.local' })).toThrow(
      /kpiSyslogAllowFrom \(SHADOWFLEET_KPI_SYSLOG_ALLOW_FROM\): must be a comma-separated list of IP addresses, got "haproxy.local"/,
    );
    const port = await freeUdpPort();
    const config = loadConfig({ SHADOWFLEET_KPI_SYSLOG_PORT: String(port), SHADOWFLEET_KPI_SYSLOG_ALLOW_FROM: '127.0.0.2' }, { port: 0, dataDir: '/nonexistent', noAuth: true, importSamples: false });
    const ex = await startExporter(config, { store: await DuckDbEventStore.open({ path: ':memory:' }), logger: silentLogger() });
    try {
      const send = async (from: string, profile: string): Promise<void> => {
        const client = dgram.createSocket('udp4');
        await new Promise<void>((resolve) => client.bind(0, from, resolve));
        await new Promise<void>((resolve, reject) =>
          client.send(`<134>Nov 27 22:00:00 haproxy[1]: shadowfleet_kpi profile=${profile} status=200 ta_ms=10`, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
        );
        client.close();
      };
      await send('127.0.0.1', 'forged');
      await send('127.0.0.2', 'allowed');
      let body: { profiles: Array<{ profile: string }> } = { profiles: [] };
      for (let i = 0; i < 50 && body.profiles.length === 0; i++) {
        body = (await (await fetch(`${ex.url}/v1/kpis`)).json()) as typeof body;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(body.profiles.map((p) => p.profile)).toEqual(['allowed']);
    } finally {
      await ex.close();
    }
  });

  it('rejects a bad port naming the variable', () => {
    expect(() => loadConfig({ SHADOWFLEET_KPI_SYSLOG_PORT: '70000' })).toThrow(/kpiSyslogPort \(SHADOWFLEET_KPI_SYSLOG_PORT\): must be an integer in 1 … 65535/);
  });
});
