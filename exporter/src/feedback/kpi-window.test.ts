import { Registry } from 'prom-client';
import { parseKpiLine } from './haproxy-log';
import { registerKpiMetrics } from './kpi-metrics';
import { KpiWindow } from './kpi-window';

describe('parseKpiLine', () => {
  it('reads the KPI fields of a syslog message and ignores other lines', () => {
    expect(parseKpiLine('<134>Nov 27 22:00:00 haproxy[7]: shadowfleet_kpi profile=p-2 status=200 ta_ms=37')).toEqual({ profile: 'p-2', status: 200, latencyMs: 37 });
    expect(parseKpiLine('<134>haproxy[7]: shadowfleet_kpi profile=- status=503 ta_ms=4')).toEqual({ profile: 'unknown', status: 503, latencyMs: 4 });
    expect(parseKpiLine('<134>haproxy[7]: shadowfleet_kpi profile=a;rm status=200 ta_ms=4')?.profile).toBe('unknown');
    expect(parseKpiLine('<134>haproxy[7]: shadowfleet_kpi profile=x status=-1 ta_ms=-1')).toBeUndefined();
    expect(parseKpiLine('<133>haproxy[7]: Proxy entry started.')).toBeUndefined();
  });

  it('reads the backend (%b) when the line carries it', () => {
    expect(parseKpiLine('<134>haproxy[7]: shadowfleet_kpi profile=- status=200 ta_ms=12 backend=pool_a')).toEqual({ profile: 'unknown', status: 200, latencyMs: 12, backend: 'pool_a' });
    expect(parseKpiLine('<134>haproxy[7]: shadowfleet_kpi profile=p status=200 ta_ms=12 backend=<NOSRV>')).toEqual({ profile: 'p', status: 200, latencyMs: 12 });
  });
});

describe('KpiWindow', () => {
  it('computes Apdex (5xx frustrated), latency quantiles and throughput per profile, and forgets old requests', () => {
    let now = 0;
    const w = new KpiWindow({ apdexThresholdMs: 100, windowSeconds: 60, now: () => now });
    // 6 satisfied, 2 tolerating (≤ 400 ms), 1 frustrated (slow), 1 frustrated (5xx but fast)
    for (const ms of [10, 20, 30, 40, 50, 60, 150, 400, 900]) w.record({ profile: 'a', status: 200, latencyMs: ms });
    w.record({ profile: 'a', status: 502, latencyMs: 5 });
    w.record({ profile: 'b', status: 200, latencyMs: 1000 });
    const [a, b] = w.kpis();
    expect(a.profile).toBe('a');
    expect(a.requests).toBe(10);
    expect(a.apdex).toBeCloseTo((6 + 2 / 2) / 10, 10);
    expect(a.throughput_rps).toBeCloseTo(10 / 60, 10);
    expect(a.latency_p50_seconds).toBeCloseTo(0.045, 10); // (40 + 50) / 2
    expect(a.latency_p99_seconds).toBeCloseTo(0.9, 10);
    expect(b.apdex).toBe(0);
    now = 61_000;
    expect(w.kpis()).toEqual([]);
  });

  it('groups by backend when keyed so, skipping lines without one, and computes KPIs over a range', () => {
    let now = 10_000;
    const w = new KpiWindow({ apdexThresholdMs: 100, windowSeconds: 60, key: 'backend', now: () => now });
    w.record({ profile: 'a', status: 200, latencyMs: 10 }); // no backend: not counted here
    w.record({ profile: 'a', status: 200, latencyMs: 10, backend: 'pool_a' });
    now = 12_000;
    for (const ms of [20, 900]) w.record({ profile: 'b', status: 200, latencyMs: ms, backend: 'pool_a' });
    w.record({ profile: 'b', status: 200, latencyMs: 30, backend: 'pool_b' });
    expect(w.kpis().map((k) => [k.profile, k.requests])).toEqual([['pool_a', 3], ['pool_b', 1]]);
    const [a] = w.kpis({ from: 11_000, to: 13_000 });
    expect(a).toMatchObject({ profile: 'pool_a', requests: 2, apdex: 0.5, throughput_rps: 1 });
    expect(w.kpis({ from: 0, to: 5_000 })).toEqual([]);
    expect(() => w.kpis({ from: 5, to: 5 })).toThrow('a KPI range needs from < to (epoch ms), got from=5 to=5');
  });

  it('bounds the profile labels', () => {
    const w = new KpiWindow({ apdexThresholdMs: 100, windowSeconds: 60, maxProfiles: 2 });
    for (const p of ['a', 'b', 'c', 'd']) w.record({ profile: p, status: 200, latencyMs: 1 });
    expect(w.kpis().map((k) => k.profile)).toEqual(['a', 'b', 'other']);
  });

  it('publishes shadowfleet_kpi_* gauges at scrape time', async () => {
    const registry = new Registry();
    const w = new KpiWindow({ apdexThresholdMs: 100, windowSeconds: 60 });
    registerKpiMetrics(registry, w);
    w.record({ profile: 'a', status: 200, latencyMs: 50 });
    const text = await registry.metrics();
    expect(text).toContain('shadowfleet_kpi_apdex{profile="a"} 1');
    expect(text).toContain('shadowfleet_kpi_latency_seconds{profile="a",quantile="0.99"} 0.05');
    expect(text).toContain('shadowfleet_kpi_throughput_requests_per_second{profile="a"}');
    const byBackend = new KpiWindow({ apdexThresholdMs: 100, windowSeconds: 60, key: 'backend' });
    registerKpiMetrics(registry, byBackend, 'backend');
    byBackend.record({ profile: 'a', status: 200, latencyMs: 250, backend: 'pool_a' });
    const both = await registry.metrics();
    expect(both).toContain('shadowfleet_kpi_backend_apdex{backend="pool_a"} 0.5');
    expect(both).toContain('shadowfleet_kpi_backend_latency_seconds{backend="pool_a",quantile="0.5"} 0.25');
  });

  it('rejects bad settings naming the field', () => {
    expect(() => new KpiWindow({ apdexThresholdMs: 0, windowSeconds: 60 })).toThrow('apdexThresholdMs must be > 0, got 0');
    expect(() => new KpiWindow({ apdexThresholdMs: 1, windowSeconds: -1 })).toThrow('windowSeconds must be > 0, got -1');
  });
});
