import { DEFAULT_POLICY, parsePoolModel, type Policy } from '@shadowfleet/models';
import { ManagerService } from '../allocation/manager-service';
import type { PolicyVersion } from '../policy/store';
import { DuckDbEventStore } from '../store/duckdb-store';
import type { IncomingEvent } from '../store/types';
import { requestCounts, requestWeight, type ReplaySlice } from './load';
import { awaitSetUpDecision, setUpDecision, SetUpTooLate, sliceStartMs } from './setup';
import { checkSpeed } from './time-scale';

const pools = parsePoolModel({ complexityUnit: 'requests', pools: { web: { driver: 'haproxy', min: 1, max: 200, hostCapacity: 1, coldStartSeconds: 300, activationSeconds: 60 } } });
const version = (v: number): PolicyVersion => ({ version: v, at: '', by: 'test', source: 'api', policy: structuredClone(DEFAULT_POLICY) as Policy, sources: {}, changes: [] });

/** `perStep` requests in each of `steps` steps ending at endMs (the replay's warm-up: one trace minute per step). */
function warmUp(endMs: number, stepMs: number, steps: number, perStep: number): IncomingEvent[] {
  return Array.from({ length: steps * perStep }, (_, k) => ({ userId: `u${k % 40}`, sessionId: 's', timestamp: endMs - steps * stepMs + Math.floor((k * stepMs) / perStep), action: 'GET /', error: false }));
}

/** The exporter's manager as the replay meets it: started (a decision on no load) before the warm-up is posted and saved. */
async function managerBeforeWarmUp(stepSeconds: number, decideAt: number) {
  const store = await DuckDbEventStore.open({ path: ':memory:' });
  let policy = version(1);
  let now = decideAt;
  const service = new ManagerService({ pools, policy: () => policy, load: (q) => store.loadPerStep(q), stepSeconds, historySteps: 120, now: () => now });
  await service.tick();
  return {
    service,
    store,
    /** Posts the warm-up and saves the policy (version 2), as startChain does; the manager has not decided on it yet. */
    async postAndSave(events: IncomingEvent[]) {
      await store.append(events);
      policy = version(2);
    },
    async decide(at: number) {
      now = at;
      await service.tick();
    },
  };
}

describe("the replay's set-up before the first minute", () => {
  it('is sized from the rebuilt manager, never from its decision before the warm-up (1 host)', async () => {
    // At 1×, the x1 run of docs/replay.md: the warm-up was posted after the step before t0 had begun.
    const stepMs = 60_000;
    const t0 = Date.UTC(2026, 11, 8, 2, 38);
    const m = await managerBeforeWarmUp(60, t0 - stepMs + 3_000);
    try {
      await m.postAndSave(warmUp(t0, stepMs, 100, 1200));
      // What the old set-up read at t0 − ½ step: the latest decision, made on no load.
      expect(m.service.decisions()[0]).toMatchObject({ policy_version: 1, desired: { serving: 1 } });
      expect(setUpDecision(m.service.decisions(), 2, t0, stepMs)).toBeUndefined();
      await m.decide(t0 - stepMs + 40_000); // the save's own decision, in the same step
      const d = setUpDecision(m.service.decisions(), 2, t0, stepMs);
      expect(d).toMatchObject({ policy_version: 2, at: new Date(t0 - stepMs).toISOString() });
      // 1 200 requests a minute at 1 request per second per host: 20 hosts' worth, not 1.
      expect(d!.desired.serving).toBeGreaterThanOrEqual(20);
    } finally {
      m.store.close();
    }
  });

  it('waits for that decision, and refuses to start the slice without it', async () => {
    const stepMs = 1_000;
    const t0 = Math.ceil(Date.now() / stepMs) * stepMs + 3 * stepMs;
    const m = await managerBeforeWarmUp(1, t0 - 3 * stepMs);
    try {
      await m.postAndSave(warmUp(t0, stepMs, 100, 200));
      const decisions = async () => m.service.decisions();
      const options = { version: 2, t0, stepMs, postedAtMs: Date.now() };
      setTimeout(() => void m.decide(t0 - stepMs + 50), 300);
      const d = await awaitSetUpDecision(decisions, options);
      expect(d).toMatchObject({ policy_version: 2, at: new Date(t0 - stepMs).toISOString() });
      // 200 requests a step of 1 s at 1 request per second per host: the pool starts well above 1 host.
      expect(d.desired.serving).toBeGreaterThan(100);

      const late = { ...options, version: 3 };
      await expect(awaitSetUpDecision(decisions, late)).rejects.toThrow(SetUpTooLate);
      await expect(awaitSetUpDecision(decisions, late)).rejects.toThrow(/had not decided on the warm-up \(policy version 3, the step at .*\) by .*no numbers are reported/);
    } finally {
      m.store.close();
    }
  });

  it('leaves time at every allowed speed to post the warm-up and save it before the step before t0 begins', () => {
    // The x1 run's slice: a Twitter day of warm-up (about 2 900 trace requests a minute), --max-rps 30.
    const warm = Array.from({ length: 1440 }, (_, i) => 2900 + ((i * 37) % 600));
    const slice: ReplaySlice = { requests: [...warm, ...Array(30).fill(3067)], warmMinutes: 1440, minutes: 30, startMs: 0 };
    const MEASURED_POST_MS_PER_EVENT = 0.018; // 3.17 million events in 56 s at load 2–3 (docs/replay.md)
    const now = Date.UTC(2026, 11, 8, 2, 37, 13);
    for (const speed of [1, 2, 10, 60].map(checkSpeed)) {
      const stepMs = 60_000 / speed;
      const counts = requestCounts(slice.requests as number[], requestWeight(slice, speed, 30));
      const events = counts.slice(0, 1440).reduce((n, c) => n + Math.max(1, c), 0);
      const t0 = sliceStartMs(now, { minutes: 1440, events }, stepMs);
      expect(t0 % stepMs).toBe(0);
      const saved = now + events * MEASURED_POST_MS_PER_EVENT;
      expect({ speed, events, saved_before_the_step_before_t0: saved < t0 - stepMs }).toEqual({ speed, events, saved_before_the_step_before_t0: true });
    }
  });
});
