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

/** Replays events in real time (shifted to now, compressed by `speedup`), posting what is due every tick. */
export class Replayer {
  static readonly TICK_MS = 250;
  private timer: NodeJS.Timeout | undefined;
  private next = 0;
  private pending: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  posted = 0;

  constructor(
    private readonly exporterUrl: string,
    private readonly token: string,
    private readonly events: readonly IncomingEvent[],
    private readonly speedup: number,
  ) {}

  start(): void {
    const from = this.events[0].timestamp;
    const startedAt = Date.now();
    const wire = shiftedEvents(this.events, from, startedAt, this.speedup);
    const tick = (): void => {
      const now = Date.now();
      let end = this.next;
      while (end < wire.length && (wire[end].timestamp as number) <= now) end++;
      if (end > this.next) {
        const batch = wire.slice(this.next, end);
        this.next = end;
        this.pending = this.pending.then(() =>
          postEvents(this.exporterUrl, this.token, batch).then(
            () => void (this.posted += batch.length),
            (err: Error) => void (this.failure = err),
          ),
        );
      }
    };
    tick();
    this.timer = setInterval(tick, Replayer.TICK_MS);
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
