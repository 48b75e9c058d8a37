import { BehaviourLoadModel, IncrementalLstm, type BehaviourEvent, type LstmNetwork, type SessionEvents } from '@shadowfleet/models';
import type * as TF from '@tensorflow/tfjs';

const MINUTE = 60_000;

/** Wall and CPU seconds of one call (the machine is shared: CPU time is the steadier of the two). */
export async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1e6 };
}

export const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The load model after the NASA log, with `active` sessions open at `now`: real sessions of the log
 * (their first 8 events) replayed under new user ids "replay-i" so that they all end 5 s before now.
 * Grows an existing model to `active` sessions when given one.
 */
export function loadModelWith(events: readonly BehaviourEvent[], active: number, model?: BehaviourLoadModel): { model: BehaviourLoadModel; now: number } {
  const now = events[events.length - 1].timestamp + MINUTE;
  if (!model) {
    model = new BehaviourLoadModel({ basis: 'bytes' });
    for (const e of events) model.observe(e);
    model.advance(now);
  }
  const byUser = new Map<string, BehaviourEvent[]>();
  for (const e of events) {
    const list = byUser.get(e.userId);
    if (list) list.push(e);
    else byUser.set(e.userId, [e]);
  }
  const users = [...byUser.values()];
  for (let i = model.activeSessions; model.activeSessions < active; i++) {
    const src = users[i % users.length].slice(0, 8);
    const shift = now - 5 * 1000 - src[src.length - 1].timestamp;
    for (const e of src) model.observe({ ...e, userId: `replay-${i}`, timestamp: e.timestamp + shift });
  }
  return { model, now };
}

/**
 * One forecast cycle with incremental LSTM state, for `active` sessions: real MSNBC sessions (reused
 * cyclically, under the ids of the load model's sessions) are first caught up to all but their last
 * `cycles` actions in one call (what a restart costs), then each cycle gives every session its next
 * real action (the worst case of a one-minute refresh: every active session clicked once), advances
 * the states, and runs the load forecast for 5/15/60 minutes with each session's expected next cost
 * from its LSTM distribution.
 */
export async function incrementalCycles(
  tf: typeof TF,
  network: LstmNetwork,
  sessions: readonly Uint8Array[],
  load: { model: BehaviourLoadModel; now: number },
  active: number,
  cycles: number,
): Promise<Record<string, unknown>> {
  const inc = new IncrementalLstm(tf, network, { maxSessions: active });
  const ids = Array.from({ length: active }, (_, i) => `replay-${i}`);
  const base = (i: number): Uint8Array => sessions[i % sessions.length];
  const catchUpSteps = ids.reduce((n, _, i) => n + base(i).length - cycles, 0);
  const catchUp = await timed(() => inc.advance(ids.map((id, i) => ({ id, actions: base(i).subarray(0, base(i).length - cycles) }))));
  const rounds: Array<{ wall: number; cpu: number; lstm: number; load: number }> = [];
  for (let r = 0; r < cycles; r++) {
    const updates: SessionEvents[] = ids.map((id, i) => {
      const s = base(i);
      const at = s.length - cycles + r;
      return { id, actions: s.subarray(at, at + 1) };
    });
    const lstm = await timed(() => inc.advance(updates));
    // As the behaviour service does: each session's expected next cost Σ_a p(a)·mean cost(a), then the
    // load forecast with it in place of the chain's first step.
    const forecast = await timed(() => {
      const costs = load.model.chain.meanCosts();
      const V = inc.slab.config.vocabSize;
      const p = inc.slab.probabilities;
      const nextCost = new Map<string, number>();
      for (const [id, slot] of inc.slab.entries()) {
        let expected = 0;
        for (let a = 0; a < V; a++) expected += p[slot * V + a] * (costs[a] ?? 0);
        nextCost.set(id, expected);
      }
      return load.model.forecast(load.now + r, [5, 15, 60], (u) => nextCost.get(u));
    });
    if (forecast.value[0].activeSessions < active) throw new Error(`only ${forecast.value[0].activeSessions} of ${active} sessions are active in the load model`);
    rounds.push({ wall: lstm.wall + forecast.wall, cpu: lstm.cpu + forecast.cpu, lstm: lstm.wall, load: forecast.wall });
  }
  const memory = process.memoryUsage();
  const result = {
    active_sessions: active,
    new_actions_per_session_per_cycle: 1,
    cycle_seconds_median: median(rounds.map((r) => r.wall)),
    cycle_cpu_seconds_median: median(rounds.map((r) => r.cpu)),
    lstm_seconds_median: median(rounds.map((r) => r.lstm)),
    load_model_seconds_median: median(rounds.map((r) => r.load)),
    microseconds_per_session: (median(rounds.map((r) => r.wall)) / active) * 1e6,
    cycles,
    catch_up: { actions: catchUpSteps, seconds: catchUp.wall, cpu_seconds: catchUp.cpu },
    memory: {
      state_bytes: inc.slab.bytes,
      state_bytes_per_session: inc.slab.bytesPerSession,
      sessions_tracked: inc.size,
      process_rss_bytes: memory.rss,
      process_array_buffer_bytes: memory.arrayBuffers,
      load_model_active_sessions: load.model.activeSessions,
    },
  };
  inc.dispose();
  return result;
}
