import { agreement, MinuteRecorder, productionReport } from './measure';
import { minuteEvents, requestCounts } from './load';

describe('replay measurement', () => {
  it('splits the pool between minutes by the time each state held', () => {
    const r = new MinuteRecorder(0, 1000, 2);
    r.pool({ at: 0, serving: 2, starting: 1, standbyBooting: 0, standby: 3 });
    r.pool({ at: 500, serving: 4, starting: 0, standbyBooting: 1, standby: 2 });
    r.pool({ at: 2000, serving: 4, starting: 0, standbyBooting: 0, standby: 2 });
    expect(r.minutes[0]).toMatchObject({ serving: 0.5 * 2 + 0.5 * 4, fullPrice: 0.5 * 3 + 0.5 * 5, standby: 0.5 * 3 + 0.5 * 2, seconds: 1 });
    expect(r.minutes[1]).toMatchObject({ serving: 4, seconds: 1 });
  });

  it('counts the supply a minute had, its cost and what HAProxy did not serve', () => {
    const r = new MinuteRecorder(0, 1000, 2);
    r.pool({ at: 0, serving: 1, starting: 0, standbyBooting: 0, standby: 2 });
    r.pool({ at: 2000, serving: 1, starting: 0, standbyBooting: 0, standby: 2 });
    r.haproxy({ served: 0, errored: 0, queued: 0 }, 0);
    r.haproxy({ served: 10, errored: 0, queued: 0 }, 999);
    r.haproxy({ served: 25, errored: 5, queued: 3 }, 1999);
    // C = 10: minute 1 needs 2 hosts and has 1.
    const p = productionReport([10, 20], r.minutes, 10, 5, 0.1, 1);
    expect(p).toMatchObject({ tau_U: 50, theta_U: 25, errored_pct: (100 * 5) / 30, minutes_with_queue_or_errors: 1 });
    expect(p.unserved_pct).toBeCloseTo((100 * 5) / 30, 9);
    expect(p.cost_host_minutes).toBeCloseTo(2 * (1 + 0.1 * 2), 9);
    expect(p.serving).toEqual({ first: 1, last: 1, min: 1, max: 1, mean: 1 });
    expect(agreement(p, { ...p, tau_U: 49.5, cost_host_minutes: p.cost_host_minutes * 1.2 })).toMatchObject({ tau_U_points: 0.5, within_goal: false });
  });

  it('sends whole requests whose total follows the trace, and tells the exporter the exact load', () => {
    const counts = requestCounts([10, 3, 3, 3, 0], 4);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
    const events = minuteEvents(3, 0, 1000, 1000);
    expect(events).toHaveLength(1);
    expect(events.reduce((a, e) => a + Number(e.cost), 0)).toBe(3);
    expect(minuteEvents(0, 0, 0, 1000)).toEqual([]);
  });
});

describe('the real path delay', () => {
  const { measurePathDelay } = jest.requireActual<typeof import('./path-delay')>('./path-delay');

  it('measures decision → pool change against the earliest decision with the target carried out', () => {
    const decisions = [
      { at: 0, serving: 2 },
      { at: 1000, serving: 3 },
      { at: 2000, serving: 3 },
      { at: 3000, serving: 2 },
    ];
    const changes = [
      { at: 0, active: 2 },
      { at: 1800, active: 3 },
      { at: 3400, active: 2 },
    ];
    const d = measurePathDelay(decisions, changes, 1000)!;
    // 3 hosts 0.8 steps after the decision at 1000, 2 hosts 0.4 steps after the one at 3000.
    expect(d).toMatchObject({ matched: 2 });
    expect(d.median_steps).toBeCloseTo(0.6, 9);
    expect(d.p10_steps).toBeCloseTo(0.44, 9);
    expect(measurePathDelay(decisions, [{ at: 0, active: 2 }], 1000)).toBeUndefined();
  });
});

describe('the real path delay by part', () => {
  const { measurePathDelayParts } = jest.requireActual<typeof import('./path-delay')>('./path-delay');
  const iso = (ms: number) => new Date(ms).toISOString();
  const applied = (target: number, starts: number, accepted: number, finished: number) => ({ action: 'set_hosts', target, outcome: 'applied', starts_at: iso(starts), accepted_at: iso(accepted), finished_at: iso(finished) });

  it('splits decision → change into the exporter, Prometheus, Alertmanager and the webhook, matching the latest decision of the target', () => {
    const decisions = [
      { at: 0, decidedAt: 50, serving: 3 },
      { at: 1000, decidedAt: 1100, serving: 4 },
      { at: 2000, decidedAt: 2050, serving: 3 },
      { at: 3000, decidedAt: 3050, serving: 3 },
    ];
    const intents = [
      applied(4, 1300, 1400, 1410),
      // Target 3 again: its decision is the one at 2000, not the first one (nor 3000, published after the alert started).
      applied(3, 2550, 2650, 2950),
      // Neither a noop nor an intent without startsAt (a relative action) is a change of the path.
      { ...applied(3, 3300, 3350, 3360), outcome: 'noop' },
      { action: 'set_hosts', target: 4, outcome: 'applied', accepted_at: iso(3500), finished_at: iso(3510) },
      // No decision of its target before its alert: not matched.
      applied(9, 3600, 3700, 3710),
    ];
    const d = measurePathDelayParts(decisions, intents, 1000)!;
    expect(d.matched).toBe(2);
    expect(d.exporter.median_steps).toBeCloseTo(0.075, 9); // 0.1 and 0.05
    expect(d.prometheus.median_steps).toBeCloseTo(0.35, 9); // 0.2 and 0.5
    expect(d.alertmanager.median_steps).toBeCloseTo(0.1, 9);
    expect(d.webhook.median_steps).toBeCloseTo(0.155, 9); // 0.01 and 0.3
    expect(d.webhook.p90_steps).toBeCloseTo(0.271, 9);
    expect(measurePathDelayParts(decisions, [], 1000)).toBeUndefined();
  });
});
