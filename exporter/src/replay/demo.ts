import { rmSync } from 'node:fs';
import path from 'node:path';
import { sampleDataDir } from '../paths';
import { readTraceFile } from '../sim/trace-file';
import { BACKEND, latestDecision, startChain, type Chain } from './chain';
import { drive } from './drive';
import { sliceTrace } from './load';
import type { ReplayPorts } from './ports';
import type { Progress } from '../progress';

/**
 * The demo of `npm start` (`shadowfleet stack --demo`): the bundled NASA morning of 3 July 1995,
 * 06:00–10:00 EDT (28 → 80 requests a minute), replayed at 60× (four minutes) through the real chain
 * with worker hosts behind HAProxy, over and over: the load rises, the manager's forecast and target
 * rise, the webhook activates shadow hosts, and when the slice starts again at 06:00 the load drops and
 * the pool scales back. A status line every five trace minutes says what each part is doing.
 */
export const DEMO_TRACE = path.join(sampleDataDir, 'nasa-http-rate', 'nasa_1995-07-01_to_03_requests_per_minute.csv.gz');
export const DEMO_SLICE = { from: Date.parse('1995-07-03T06:00:00-04:00'), minutes: 240, warmMinutes: 120, speed: 60, peakHosts: 8 } as const;
const STATUS_EVERY_MINUTES = 5;

export interface DemoOptions {
  readonly dataDir: string;
  readonly ports: ReplayPorts;
  /** The stack's progress; the demo reports under its own topic, `demo`. */
  readonly progress: Progress;
  readonly signal: AbortSignal;
  readonly searchPath?: string;
}

function status(chain: Chain, minute: number, startMs: number, say: Progress): void {
  const at = new Date(startMs + minute * 60_000).toISOString().slice(0, 16).replace('T', ' ');
  latestDecision(chain.exporterUrl).then(
    (d) => {
      const pool = chain.agent.last;
      say(
        `${at} UTC | load ${Math.round(d?.load.last_step ?? 0)} req/min, forecast ${d?.forecast ? Math.round(d.forecast.value) : '–'} | manager: ${d?.desired.serving ?? '?'} serving (tier ${d?.desired.tier ?? '?'} ${d?.desired.tier_name ?? ''}), ${d?.desired.standby ?? '?'} standby | HAProxy: ${pool?.serving ?? '?'} in rotation, ${pool?.starting ?? '?'} starting, ${pool?.standby ?? '?'} standby`,
      );
    },
    () => undefined,
  );
}

/** Runs the demo until `signal` aborts; everything it started is stopped before it returns. */
export async function runDemo(o: DemoOptions): Promise<void> {
  const trace = readTraceFile(DEMO_TRACE);
  const start = Array.from(trace.timestamps).findIndex((s) => s * 1000 >= DEMO_SLICE.from);
  const slice = sliceTrace(trace, start, DEMO_SLICE.minutes, DEMO_SLICE.warmMinutes);
  // The demo's own store, afresh each start: events of an earlier demo would be part of the manager's warm-up.
  const dataDir = path.join(o.dataDir, 'demo');
  rmSync(dataDir, { recursive: true, force: true });
  const chain = await startChain({ slice, speed: DEMO_SLICE.speed, peakHosts: DEMO_SLICE.peakHosts, maxRequestsPerSecond: 60, ports: o.ports, dataDir, progress: o.progress, signal: o.signal, searchPath: o.searchPath });
  const say = o.progress.topic('demo');
  try {
    o.progress('shadowfleet stack is up (demo):');
    for (const [name, url] of Object.entries({ ...chain.stack.urls, haproxy: chain.lb.url })) o.progress(`  ${name.padEnd(12)} ${url}`);
    o.progress('Grafana is not started here: use docker-compose.yml (README "docker-compose"). Ctrl-C stops everything.');
    const prom = chain.stack.urls.prometheus;
    const graph = `${prom}/graph?g0.expr=${encodeURIComponent('shadowfleet:desired_serving_hosts')}&g0.tab=0&g0.range_input=15m&g1.expr=${encodeURIComponent('shadowfleet:pool_active_hosts')}&g1.tab=0&g1.range_input=15m&g2.expr=${encodeURIComponent('shadowfleet_decision_forecast_per_second')}&g2.tab=0&g2.range_input=15m`;
    say(`NASA 3 July 1995 06:00–10:00 EDT at ${DEMO_SLICE.speed}× (a minute of trace per second), looping; HTTP through HAProxy at ${chain.lb.url}`);
    say(`watch the target, the active hosts and the forecast in Prometheus: ${graph}`);
    const live = slice.requests.slice(slice.warmMinutes);
    const counts = chain.counts.slice(slice.warmMinutes);
    for (let pass = 0; !o.signal.aborted; pass++) {
      const t0 = chain.t0 + pass * live.length * chain.stepMs;
      try {
        await drive({
          haproxy: chain.lb,
          backend: BACKEND,
          agent: chain.agent,
          exporterUrl: chain.exporterUrl,
          token: chain.token,
          requests: live,
          counts,
          t0,
          stepMs: chain.stepMs,
          speed: DEMO_SLICE.speed,
          settleMs: 0,
          progress: say,
          signal: o.signal,
          whenBehind: 'warn',
          onMinute: (t) => t % STATUS_EVERY_MINUTES === 0 && status(chain, t, slice.startMs, say),
        });
      } catch (err) {
        if (o.signal.aborted) break;
        throw err;
      }
      if (!o.signal.aborted) say('the slice starts again at 06:00: the load drops and the pool scales back');
    }
  } finally {
    await chain.stop();
  }
}
