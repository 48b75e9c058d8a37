import os from 'node:os';
import { backendCounters, MinuteRecorder } from './measure';
import { HostAgent } from './host-agent';
import { HttpReplay } from './http-replay';
import { minuteEvents, postEvents, requestSchedule } from './load';
import type { ReplayHaproxy } from './haproxy';

/** How often the host agent looks at the backend, and HAProxy's counters are read (wall ms). */
const AGENT_POLL_MS = 50;
const STATS_POLL_MS = 250;
/** The replay fell behind when any of its clocks is late by more than this share of a step. */
export const BEHIND_SHARE_OF_STEP = 0.5;

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
  readonly log: (line: string) => void;
}

export interface DriveResult {
  readonly recorder: MinuteRecorder;
  readonly lag: { readonly sender_ms: number; readonly loop_ms: number; readonly feed_ms: number };
}

const sleepUntil = (at: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

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
  const lag = { sender_ms: 0, loop_ms: 0, feed_ms: 0 };
  let failure: Error | undefined;
  const fail = (e: Error): void => void (failure ??= e);
  const schedule = requestSchedule(o.counts);
  const http = schedule.length > 0 ? new HttpReplay(o.haproxy.url, schedule, o.speed) : undefined;
  let lastTick = Date.now();
  const timers = [
    setInterval(() => {
      const now = Date.now();
      lag.loop_ms = Math.max(lag.loop_ms, now - lastTick - AGENT_POLL_MS);
      lastTick = now;
      o.agent.poll().then((s) => s && recorder.pool(s), fail);
    }, AGENT_POLL_MS),
    setInterval(() => {
      const at = Date.now();
      o.haproxy.command('show stat').then((text) => recorder.haproxy(backendCounters(text, o.backend), at), fail);
    }, STATS_POLL_MS),
  ];
  try {
    await sleepUntil(o.t0);
    http?.start(o.t0 + schedule[0].timestamp / o.speed);
    for (let t = 0; t < T; t++) {
      const stepStart = o.t0 + t * o.stepMs;
      await sleepUntil(stepStart);
      lag.feed_ms = Math.max(lag.feed_ms, Date.now() - stepStart);
      await postEvents(o.exporterUrl, o.token, minuteEvents(o.requests[t], o.counts[t], stepStart, o.stepMs));
      lag.sender_ms = Math.max(lag.sender_ms, http?.maxLagMs ?? 0);
      if (failure) throw failure;
      const late = Object.entries(lag).find(([, v]) => v > behindMs);
      if (late) {
        throw new ReplayFellBehind(
          `the replay fell behind at speed ${o.speed} on this machine (minute ${t}: ${late[0]} ${Math.round(late[1])} ms late, more than half a ${o.stepMs} ms step; load average ${loadAverage()}); no numbers are reported — run again at a lower --speed or on a quieter machine`,
        );
      }
      if (t % 60 === 0) o.log(`replay: minute ${t} of ${T}`);
    }
    // Let the last minute's queued requests finish (HAProxy answers them or times them out) before the final reading.
    await sleepUntil(o.t0 + T * o.stepMs + o.settleMs);
    recorder.haproxy(backendCounters(await o.haproxy.command('show stat'), o.backend), o.t0 + T * o.stepMs - 1);
    return { recorder, lag };
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
