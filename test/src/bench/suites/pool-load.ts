import { DEFAULT_POLICY, parsePoolModel, policyStrategy, poolLoadFilter, simulate, type PoolModel, type SimMetrics } from '@shadowfleet/models';
import { DuckDbEventStore, formatByName, runImport, storeSink } from '@shadowfleet/exporter';
import type { BenchSuite } from '../suite';
import { benchSimConfig } from '../sim/config';
import { EPA_LOG, NASA_LOG } from '../data/request-logs';
import { needSharedData } from '../data/shared-data';

const MINUTE = 60_000;
/** The static tier: the image files of the 1995 logs (data types are URL extensions). */
const STATIC_TYPES = ['gif', 'jpg', 'jpeg', 'xbm', 'png', 'bmp'];
const LOGS = [
  { name: 'nasa', ...NASA_LOG },
  { name: 'epa', ...EPA_LOG },
] as const;
const SYNTHETIC_EVENTS = 2_000_000;

const pool = { driver: 'local', max: 1000, hostCapacity: 1 };
/** A page tier (every event no other pool claims) and a static tier behind its own backend, by data type. */
const SPLIT: PoolModel = parsePoolModel({ complexityUnit: 'requests', pools: { web: pool, static: { ...pool, serves: { data_type: STATIC_TYPES } } } });

type Store = DuckDbEventStore;
const loadOf = (store: Store, q: { fromMs: number; toMs: number; stepMs: number }, name?: string): Promise<number[]> => {
  const filter = name === undefined ? undefined : poolLoadFilter(SPLIT, name);
  return store.loadPerStep({ ...q, unit: 'requests', ...(filter ? { filter } : {}) });
};

const brief = (m: SimMetrics) => ({ tau_U: +m.tau_U.toFixed(2), unserved_pct: +m.unserved_pct.toFixed(2), cost_host_minutes: Math.round(m.cost_host_minutes), cost_ratio: +m.cost_ratio.toFixed(3) });

/** One real log: each pool's per-minute load, and `tiered` sized per pool against every pool sized for the site. */
async function realLog(log: (typeof LOGS)[number]): Promise<Record<string, unknown>> {
  const file = needSharedData(log.file, 'pool-load');
  const store = await DuckDbEventStore.open({ path: ':memory:' });
  try {
    const imported = await runImport(file, formatByName(log.format), storeSink(store), log.options);
    const [span] = await store.query('SELECT min(ts_ms)::DOUBLE AS lo, max(ts_ms)::DOUBLE AS hi FROM events');
    const fromMs = Math.floor(Number(span.lo) / MINUTE) * MINUTE;
    const q = { fromMs, toMs: (Math.floor(Number(span.hi) / MINUTE) + 1) * MINUTE, stepMs: MINUTE };
    const [site, web, stat] = [await loadOf(store, q), await loadOf(store, q, 'web'), await loadOf(store, q, 'static')];
    const addsUp = site.every((v, i) => v === web[i] + stat[i]);
    // The same hosts in every pool: C = max(site)/100 (BENCHMARKS.md §1), the shipped actuation delay.
    const config = benchSimConfig(site);
    const run = (r: number[]) => simulate(r, policyStrategy(DEFAULT_POLICY), config).metrics;
    const [mSite, mWeb, mStatic] = [run(site), run(web), run(stat)];
    const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
    return {
      events: imported.events,
      minutes: site.length,
      requests: { site: sum(site), web: sum(web), static: sum(stat) },
      peak_per_minute: { site: Math.max(...site), web: Math.max(...web), static: Math.max(...stat) },
      pools_add_up_to_the_site_every_minute: addsUp,
      capacity_per_host_requests_per_minute: config.capacity,
      tiered: {
        one_pool_for_the_site: brief(mSite),
        per_pool: { web: brief(mWeb), static: brief(mStatic) },
        cost_host_minutes: {
          each_pool_sized_for_the_site_before_serves: 2 * Math.round(mSite.cost_host_minutes),
          each_pool_sized_for_its_own_events: Math.round(mWeb.cost_host_minutes + mStatic.cost_host_minutes),
        },
      },
    };
  } finally {
    await store.close();
  }
}

/** Query time of one pool's load per step against the site's: 2 days of minutes, synthetic events. */
async function queryTimes(): Promise<Record<string, unknown>> {
  const store = await DuckDbEventStore.open({ path: ':memory:' });
  try {
    const t0 = Date.UTC(2026, 0, 1);
    const span = 2 * 86_400_000;
    const types = ['html', 'gif', 'gif', 'gif', 'jpg', 'none', 'html', 'xbm'];
    for (let off = 0; off < SYNTHETIC_EVENTS; off += 100_000) {
      const batch = [];
      for (let i = off; i < Math.min(SYNTHETIC_EVENTS, off + 100_000); i++) {
        batch.push({ userId: `u${i % 5000}`, sessionId: `s${i % 5000}`, timestamp: t0 + Math.floor((i / SYNTHETIC_EVENTS) * span), action: `/a${i % 40}`, dataType: types[i % 8], error: false });
      }
      await store.append(batch);
    }
    const q = { fromMs: t0, toMs: t0 + span, stepMs: MINUTE };
    const out: Record<string, unknown> = { events: SYNTHETIC_EVENTS, steps: span / MINUTE, runs: 7 };
    for (const name of ['site', 'web', 'static'] as const) {
      const times: number[] = [];
      for (let r = 0; r < 7; r++) {
        const start = performance.now();
        await loadOf(store, q, name === 'site' ? undefined : name);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      out[name] = { median_ms: +times[3].toFixed(1), min_ms: +times[0].toFixed(1), max_ms: +times[6].toFixed(1) };
    }
    return out;
  } finally {
    await store.close();
  }
}

export const poolLoadSuite: BenchSuite = {
  name: 'pool-load',
  description:
    "Load attribution to pools (pools.md): the NASA and EPA per-request logs split into a page tier `web` and a static tier `static` (serves data_type gif/jpg/jpeg/xbm/png/bmp); each pool's per-minute load from DuckDB, checked to add up to the site's; `tiered` (default policy, shipped delay, C = max(site)/100) per pool against every pool sized for the site; and the load query's time per pool against the site's on 2,000,000 synthetic events over 2 days of minutes",
  async run() {
    const logs: Record<string, unknown> = {};
    for (const log of LOGS) logs[log.name] = await realLog(log);
    return { logs, query_times: await queryTimes() };
  },
};
