import { DEFAULT_AB_OPTIONS, POOLS, runLiveAb, type AbLiveResult } from './run-ab';
import { experiments } from '@shadowfleet/exporter';

/**
 * Live A/B on real parts (see run-ab.ts): three pools behind a real HAProxy driven by their allocation
 * strategies through the webhook's haproxy driver under replayed NASA requests, KPIs per pool from HAProxy's log lines through the exporter,
 * verdicts through GET /v1/experiments. About a minute of wall time; the waits are generous for a
 * loaded machine (a late timer only stretches a minute, whose requests are scaled to it).
 */
jest.setTimeout(170_000);

describe('live A/B of allocation strategies behind a real HAProxy', () => {
  let r: AbLiveResult;
  const [control, treatment, fixed] = POOLS;

  beforeAll(async () => {
    r = await runLiveAb(DEFAULT_AB_OPTIONS);
    const brief = {
      wallSeconds: r.wallSeconds,
      tally: r.tally,
      experiments: r.experiments,
      stoppedAfterSegment: r.stoppedAfterSegment,
      calibration: r.calibration,
      arms: Object.fromEntries(Object.entries(r.arms).map(([p, a]) => [p, { ...a, minutes: a.minutes.length, haproxyActive: a.haproxyActive.join(','), setPoints: a.setPoints.length }])),
    };
    process.stderr.write(`ab-live: ${JSON.stringify(brief)}\n`);
  });

  it('sends every pool its share of the replayed requests, through HAProxy', () => {
    const total = POOLS.reduce((n, p) => n + r.arms[p].requests, 0);
    expect(r.tally.sent).toBeGreaterThan(1000);
    for (const p of POOLS) {
      expect(r.arms[p].kpis?.requests).toBeGreaterThan(0);
      // Random thirds: each within 25–42 % of what HAProxy counted.
      expect(r.arms[p].requests / total).toBeGreaterThan(0.25);
      expect(r.arms[p].requests / total).toBeLessThan(0.42);
    }
    // Every request got an answer; the only failures are HAProxy's 503 for a request that waited in a
    // short pool's queue longer than the queue timeout, and HAProxy counted each of them for a pool.
    expect(r.tally.answered).toBe(r.tally.sent);
    expect(Object.keys(r.tally.failedByStatus).filter((k) => k !== '503')).toEqual([]);
    expect(POOLS.reduce((n, p) => n + r.arms[p].responses5xx, 0)).toBe(r.tally.failedByStatus['503'] ?? 0);
    for (const p of POOLS) expect(r.tally.okByPool[p]).toBeGreaterThan(0);
  });

  it('moves each pool through the webhook: every change is a set-point it accepted as an intent, and its driver set HAProxy\'s servers', () => {
    expect(r.calibration.capacityPerHost).toBeGreaterThan(0);
    for (const p of POOLS) {
      const { minutes, haproxyActive, setPoints } = r.arms[p];
      expect(setPoints.length).toBeGreaterThanOrEqual(1);
      expect(setPoints.filter((x) => x.outcome !== 'accepted')).toEqual([]);
      for (const x of setPoints) expect(x.intent).toMatch(/^[0-9a-f-]{36}$/);
      // One set-point per change of target, none for a minute that keeps it.
      setPoints.slice(1).forEach((x, i) => expect(x.target).not.toBe(setPoints[i].target));
      // The servers the webhook has ready at each minute's end are the arm's set-point.
      const agree = minutes.filter((m, i) => haproxyActive[i] === Math.min(m.target, DEFAULT_AB_OPTIONS.hostsPerPool)).length;
      expect(agree / minutes.length).toBeGreaterThan(0.9);
    }
    // The strategies do differ: the fixed pool keeps its hosts, the others scale with the midday traffic.
    expect(Math.max(...r.arms[control].minutes.map((m) => m.target))).toBeGreaterThan(r.fixedHosts);
    expect(Math.max(...r.arms[treatment].minutes.map((m) => m.target))).toBeGreaterThan(r.fixedHosts);
  });

  it('makes every host the webhook turns ready take its real start: none serves in the minute its set-point rose, and cold starts happen', () => {
    let rises = 0;
    for (const p of POOLS) {
      const { minutes } = r.arms[p];
      for (let i = 1; i < minutes.length; i++) {
        if (minutes[i].target <= minutes[i - 1].target) continue;
        rises++;
        // A new host needs at least its activation time (one minute) before it takes traffic: in the minute the
        // set-point rose, only hosts of the previous set-point can serve (time-weighted over the minute).
        expect(minutes[i].serving).toBeLessThanOrEqual(Math.min(minutes[i - 1].target, DEFAULT_AB_OPTIONS.hostsPerPool) + 1e-9);
      }
    }
    expect(rises).toBeGreaterThan(0);
    // hpa keeps no standby: each of its scale-ups is a cold start.
    expect(r.arms[control].hostStarts.cold).toBeGreaterThan(0);
    expect(r.arms[control].hostStarts.warm).toBe(0);
    // Hosts booting are paid: an arm's cost is never below the hosts it had in rotation.
    for (const p of POOLS) for (const m of r.arms[p].minutes) expect(m.cost).toBeGreaterThanOrEqual(m.serving - 1e-9);
  });

  it('predicts, with the simulator on the requests HAProxy counted, the same minutes (a prediction beside the measured cost)', () => {
    for (const p of [control, treatment]) {
      const a = r.arms[p];
      expect(a.simulated.minutes).toBe(a.minutes.length);
      expect(a.simulated.cost).toBeGreaterThan(0);
      expect(a.cost).toBeGreaterThan(0);
    }
  });

  it('scores matched segments per pool from HAProxy\'s log lines (Apdex, latency) and the arms\' costs', () => {
    expect(r.segments.length).toBeGreaterThanOrEqual(DEFAULT_AB_OPTIONS.minSegments);
    for (const s of r.segments) {
      for (const p of POOLS) {
        const a = s.arms[p];
        expect(a.kpis.requests).toBeGreaterThan(0);
        expect(a.kpis.apdex).toBeGreaterThanOrEqual(0);
        expect(a.kpis.apdex).toBeLessThanOrEqual(1);
        expect(a.kpis.latency_p95_seconds).toBeGreaterThanOrEqual(a.kpis.latency_p50_seconds);
        expect(a.cost).toBeGreaterThan(0);
      }
    }
    // A host works 50 ms per request: no pool's median latency is below that.
    for (const p of POOLS) expect(r.arms[p].kpis!.latency_p50_seconds).toBeGreaterThanOrEqual(DEFAULT_AB_OPTIONS.serviceMs / 1000);
  });

  it('stops the fixed pool for harming the SLO, and hands its pool to the control strategy', () => {
    expect(experiments.bareVerdict(r.experiments['live-fixed'])).toBe('stopped_slo_harm');
    const after = r.stoppedAfterSegment['live-fixed'];
    expect(after).toBeGreaterThanOrEqual(3); // the stop rule looks from 3 segments on
    expect(r.experiments['live-fixed'].segments).toBe(after); // no segment was posted after the stop
    const before = r.segments.slice(0, after);
    const meanApdex = (p: string): number => before.reduce((s, x) => s + x.arms[p].kpis.apdex, 0) / before.length;
    expect(meanApdex(fixed)).toBeLessThan(meanApdex(control) - DEFAULT_AB_OPTIONS.sloMargin);
    expect(r.arms[fixed].finalStrategy).toBe(DEFAULT_AB_OPTIONS.control);
    // Under the control strategy the pool grows beyond its fixed size.
    const handedOver = r.arms[fixed].minutes.filter((m) => m.strategy === DEFAULT_AB_OPTIONS.control);
    expect(Math.max(...handedOver.map((m) => m.target))).toBeGreaterThan(r.fixedHosts);
  });

  it('reaches a verdict on the treatment through GET /v1/experiments after the minimum sample', () => {
    const e = r.experiments['live-treatment'];
    expect(e.segments).toBeGreaterThanOrEqual(DEFAULT_AB_OPTIONS.minSegments);
    expect(['treatment_better', 'control_better', 'no_significant_difference', 'stopped_slo_harm']).toContain(experiments.bareVerdict(e));
    // Until the minimum sample, the verdict was still "collecting" (unless the SLO stop rule fired).
    const early = r.segments[DEFAULT_AB_OPTIONS.minSegments - 2].verdicts['live-treatment'];
    expect(early.startsWith('collecting') || early.startsWith('stopped_slo_harm')).toBe(true);
    expect(e.metrics.map((m) => m.metric)).toEqual(['cost, host-minutes per 100 requests', '1 − Apdex']);
    expect(e.metrics[0].lower).toBeLessThanOrEqual(e.metrics[0].upper);
  });
});
