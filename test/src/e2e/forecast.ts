import type { IncomingEvent } from '@shadowfleet/exporter';
import { postEvents, shiftedEvents } from './replay';

/** The forecast the rules read, per horizon, straight from the exporter's /metrics. */
export const FORECAST_METRIC = 'shadowfleet_predicted_complexity_load';

/** Parses `shadowfleet_predicted_complexity_load{horizon="…"} v` lines of an exposition text. */
export function parseForecast(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  const re = new RegExp(`^${FORECAST_METRIC}\\{[^}]*horizon="([^"]+)"[^}]*\\}\\s+(\\S+)`, 'gm');
  for (const m of text.matchAll(re)) out[m[1]] = Number(m[2]);
  return out;
}

export async function readForecast(exporterUrl: string): Promise<Record<string, number>> {
  const res = await fetch(`${exporterUrl}/metrics`);
  if (!res.ok) throw new Error(`GET ${exporterUrl}/metrics → ${res.status}`);
  return parseForecast(await res.text());
}

/**
 * What the activation rule compares with capacity (shadowfleet-scaling.yml): the forecasts as rates —
 * complexity within the horizon divided by its seconds — and the smaller of the 5- and 15-minute ones.
 */
export function sustainedRate(f: Record<string, number>): number | undefined {
  const a = f['5m'];
  const b = f['15m'];
  return a === undefined || b === undefined ? undefined : Math.min(a / 300, b / 900);
}

/** When the exporter last recomputed its forecasts (GET /v1/forecast/complexity-load → `at`), epoch ms. */
export async function lastForecastRefresh(exporterUrl: string): Promise<number> {
  const res = await fetch(`${exporterUrl}/v1/forecast/complexity-load`);
  if (!res.ok) throw new Error(`GET ${exporterUrl}/v1/forecast/complexity-load → ${res.status}`);
  return Date.parse(((await res.json()) as { at: string }).at);
}

/**
 * Replays events in real time: each event is posted when its (shifted) time comes, a batch every tick.
 * Log time runs `speedup` times faster than the wall clock; `setSpeedup` changes that from now on.
 */
export class Replayer {
  static readonly TICK_MS = 250;
  private timer: NodeJS.Timeout | undefined;
  private next = 0;
  private pending: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  /** The mapping log time → wall time: wall = anchorWall + (log − anchorLog) / speedup. */
  private anchorWall = 0;
  private anchorLog = 0;
  posted = 0;

  constructor(
    private readonly exporterUrl: string,
    private readonly token: string,
    private readonly events: readonly IncomingEvent[],
    private speedup: number,
  ) {}

  private wallOf(logMs: number): number {
    return this.anchorWall + (logMs - this.anchorLog) / this.speedup;
  }

  start(): void {
    this.anchorWall = Date.now();
    this.anchorLog = this.events[0].timestamp;
    this.tick();
    this.timer = setInterval(() => this.tick(), Replayer.TICK_MS);
  }

  setSpeedup(speedup: number): void {
    const now = Date.now();
    this.anchorLog = this.anchorLog + (now - this.anchorWall) * this.speedup;
    this.anchorWall = now;
    this.speedup = speedup;
  }

  private tick(): void {
    const now = Date.now();
    let end = this.next;
    while (end < this.events.length && this.wallOf(this.events[end].timestamp) <= now) end++;
    if (end === this.next) return;
    const due = this.events.slice(this.next, end);
    // Shift by the current mapping: each event keeps its place in time relative to the others.
    const batch = due.map((e) => shiftedEvents([e], e.timestamp, Math.round(this.wallOf(e.timestamp)), 1)[0]);
    this.next = end;
    this.pending = this.pending.then(() =>
      postEvents(this.exporterUrl, this.token, batch).then(
        () => void (this.posted += batch.length),
        (err: Error) => void (this.failure = err),
      ),
    );
  }

  /** Throws the first ingest failure, if any. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  get finished(): boolean {
    return this.next >= this.events.length;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.pending;
    this.check();
  }
}
