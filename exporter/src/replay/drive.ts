import os from 'node:os';
import { setTimeout as wait } from 'node:timers/promises';
import { backendCounters, MinuteRecorder } from '../hosts/pool-minutes';
import { HostAgent } from '../hosts/host-agent';
import { HttpReplay } from './http-replay';
import { minuteEvents, postEvents, requestSchedule } from './load';
import type { ReplayHaproxy } from './haproxy';
import type { Progress } from '../progress';

/** How often the host agent looks at the backend, and HAProxy's counters are read (wall ms). */
const AGENT_POLL_MS = 50;
const STATS_POLL_MS = 250;
/** A minute is late when any of the replay's clocks slipped by more than this share of a step in it. */
export const BEHIND_SHARE_OF_STEP = 0.5;
/** The run fell behind when more than this share of its minutes were late, or at once when a clock slipped by two steps. */
export const MAX_LATE_SHARE = 0.01;
const GIVE_UP_STEPS = 2;

export class ReplayFellBehind extends Error {}

export interface DriveOptions {
  readonly haproxy: ReplayHaproxy;
  readonly backend: string;
  readonly agent: HostAgent;
  readonly exporterUrl: string;
  readonly token: string;
  /** r_t and HTTP requests n_t of the slice's minutes. */
  readonly requests: readonly number[];
  readonly counts: readonly number[];
  readonly t0: number;
  readonly stepMs: number;
  readonly speed: number;
  /** Wall ms after the last minute before HAProxy's counters are read the last time. */
  readonly settleMs: number;
  /** Where the minutes run through are reported, and late ones warned of. */
  readonly progress: Progress;
  /** Stops the run between minutes (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Called at the start of every minute (the demo prints a status line). */
  readonly onMinute?: (t: number) => void;
  /** `warn`: log a slip instead of stopping (the demo, which reports no numbers). Default `throw`. */
  readonly whenBehind?: 'throw' | 'warn';
}

export interface DriveResult {
  readonly recorder: MinuteRecorder;
  /** The worst slip of each clock (ms) and the minutes in which one slipped by more than half a step. */
  readonly lag: { readonly sender_ms: number; readonly loop_ms: number; readonly feed_ms: number; readonly late_minutes: number };
}

/** Waits `ms`; a stop signal (Ctrl-C, SIGTERM) ends the wait at once with its reason, so a replay stops promptly. */
export const pause = (ms: number, signal?: AbortSignal): Promise<void> =>
  wait(Math.max(0, ms), undefined, { signal }).catch((err: unknown) => {
    throw signal?.aborted ? (signal.reason as Error) : err;
  });
const sleepUntil = (at: number, signal?: AbortSignal): Promise<void> => pause(at - Date.now(), signal);

/**
 * Plays the slice from wall time t0: the HTTP requests through HAProxy (open loop, evenly spread in
 * each minute), each minute's events to the exporter at the start of its step, the host agent every
 * 50 ms and HAProxy's counters every 250 ms into the minute recorder. Throws ReplayFellBehind, naming
 * the clock that slipped, when this machine cannot keep up with the speed.
 */
export async function drive(o: DriveOptions): Promise<DriveResult> {
  const T = o.requests.length;
  const recorder = new MinuteRecorder(o.t0, o.stepMs, T);
  const behindMs = BEHIND_SHARE_OF_STEP * o.stepMs;
  const worst = { sender_ms: 0, loop_ms: 0, feed_ms: 0 };
  /** This minute's slips, reset every minute. */
  let minute = { sender_ms: 0, loop_ms: 0, feed_ms: 0 };
  let lateMinutes = 0;
  let failure: Error | undefined;
  const fail = (e: Error): void => void (failure ??= e);
  const schedule = requestSchedule(o.counts);
  const http = schedule.length > 0 ? new HttpReplay(o.haproxy.url, schedule, o.speed) : undefined;
  let lastTick = Date.now();
  const timers = [
    setInterval(() => {
      const now = Date.now();
      minute.loop_ms = Math.max(minute.loop_ms, now - lastTick - AGENT_POLL_MS);
      lastTick = now;
      o.agent.poll().then((s) => s && recorder.pool(s), fail);
    }, AGENT_POLL_MS),
    setInterval(() => {
      const at = Date.now();
      o.haproxy.command('show stat').then((text) => recorder.haproxy(backendCounters(text, o.backend), at), fail);
    }, STATS_POLL_MS),
  ];
  const behind = (what: string): ReplayFellBehind =>
    new ReplayFellBehind(
      `the replay fell behind at speed ${o.speed} on this machine (${what}; load average ${loadAverage()}); no numbers are reported — run again at a lower --speed or on a quieter machine`,
    );
  try {
    await sleepUntil(o.t0, o.signal);
    http?.start(o.t0 + schedule[0].timestamp / o.speed);
    for (let t = 0; t < T; t++) {
      const stepStart = o.t0 + t * o.stepMs;
      await sleepUntil(stepStart, o.signal);
      if (o.signal?.aborted) throw new Error('the replay was interrupted');
      minute.feed_ms = Math.max(minute.feed_ms, Date.now() - stepStart);
      minute.sender_ms = Math.max(minute.sender_ms, http?.takeMaxLag() ?? 0);
      if (failure) throw failure;
      const slip = Math.max(...Object.values(minute));
      if (slip > behindMs) lateMinutes++;
      for (const k of Object.keys(worst) as Array<keyof typeof worst>) worst[k] = Math.max(worst[k], minute[k]);
      if (slip > behindMs && o.whenBehind === 'warn') o.progress.warn(`minute ${t} is ${Math.round(slip)} ms late (load average ${loadAverage()})`);
      else if (slip > GIVE_UP_STEPS * o.stepMs) throw behind(`minute ${t}: a clock slipped ${Math.round(slip)} ms, more than ${GIVE_UP_STEPS} steps of ${o.stepMs} ms`);
      minute = { sender_ms: 0, loop_ms: 0, feed_ms: 0 };
      await postEvents(o.exporterUrl, o.token, minuteEvents(o.requests[t], o.counts[t], stepStart, o.stepMs));
      o.onMinute?.(t);
      if (t % 60 === 0) o.progress(`minute ${t} of ${T}`);
    }
    if (o.whenBehind !== 'warn' && lateMinutes > Math.max(1, MAX_LATE_SHARE * T)) throw behind(`${lateMinutes} of ${T} minutes had a clock more than half a step late; at most ${MAX_LATE_SHARE * 100} % (and one) may be`);
    // Let the last minute's queued requests finish (HAProxy answers them or times them out) before the final reading.
    await sleepUntil(o.t0 + T * o.stepMs + o.settleMs, o.signal);
    recorder.haproxy(backendCounters(await o.haproxy.command('show stat'), o.backend), o.t0 + T * o.stepMs - 1);
    return { recorder, lag: { ...worst, late_minutes: lateMinutes } };
  } finally {
    for (const t of timers) clearInterval(t);
    await http?.stop();
  }
}

/** The 1-, 5- and 15-minute load averages, as text. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
}
