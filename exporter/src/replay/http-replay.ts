import type { IncomingEvent } from '../store';

/** What the clients saw, per pool (from `x-served-by`, "pool/host") and in all. */
export interface ReplayTally {
  readonly sent: number;
  readonly answered: number;
  /** Answers by pool (2xx) and failures (non-2xx answers, which carry no pool, and network errors). */
  readonly okByPool: Record<string, number>;
  readonly failedByStatus: Record<string, number>;
}

/**
 * Replays real requests through the load balancer at their logged times, compressed `speedup` times
 * (open loop: a request is sent when its time comes, whether or not earlier ones were answered — the
 * way independent users arrive). Only the arrival times come from the log; every request is a GET.
 */
export class HttpReplay {
  static readonly TICK_MS = 20;
  /** A request not answered within this long counts as failed (HAProxy's own timeouts answer sooner). */
  static readonly REQUEST_TIMEOUT_MS = 60_000;
  private timer: NodeJS.Timeout | undefined;
  private next = 0;
  private startWall = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private sent = 0;
  private answered = 0;
  private readonly okByPool: Record<string, number> = {};
  private readonly failedByStatus: Record<string, number> = {};
  /** The latest any request was sent after its time (ms) since takeMaxLag() was last called: how far the sender fell behind. */
  private maxLagMs = 0;

  constructor(
    private readonly url: string,
    private readonly events: readonly IncomingEvent[],
    private readonly speedup: number,
  ) {
    if (events.length === 0) throw new RangeError('the replay needs at least one event');
    if (!(speedup > 0)) throw new RangeError(`speedup must be > 0, got ${speedup}`);
  }

  /** Wall time (epoch ms) at which the log's time `logMs` is replayed. */
  wallOf(logMs: number): number {
    return this.startWall + (logMs - this.events[0].timestamp) / this.speedup;
  }

  /** Wall-clock length of the whole replay, ms. */
  get durationMs(): number {
    return (this.events[this.events.length - 1].timestamp - this.events[0].timestamp) / this.speedup;
  }

  /** The sender's worst lateness since the last call (ms), and starts counting afresh. */
  takeMaxLag(): number {
    const lag = this.maxLagMs;
    this.maxLagMs = 0;
    return lag;
  }

  start(at = Date.now()): void {
    this.startWall = at;
    this.timer = setInterval(() => this.tick(), HttpReplay.TICK_MS);
    this.tick();
  }

  get finished(): boolean {
    return this.next >= this.events.length;
  }

  private tick(): void {
    const now = Date.now();
    while (this.next < this.events.length && this.wallOf(this.events[this.next].timestamp) <= now) {
      this.maxLagMs = Math.max(this.maxLagMs, now - this.wallOf(this.events[this.next].timestamp));
      this.next++;
      this.send();
    }
    if (this.finished && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private send(): void {
    this.sent++;
    const p = (async () => {
      try {
        const res = await fetch(`${this.url}/`, { signal: AbortSignal.timeout(HttpReplay.REQUEST_TIMEOUT_MS) });
        await res.arrayBuffer();
        const by = res.headers.get('x-served-by');
        if (res.ok && by) {
          const pool = by.split('/')[0];
          this.okByPool[pool] = (this.okByPool[pool] ?? 0) + 1;
        } else this.failedByStatus[String(res.status)] = (this.failedByStatus[String(res.status)] ?? 0) + 1;
      } catch (err) {
        const key = `error: ${(err as Error).message}`.slice(0, 80);
        this.failedByStatus[key] = (this.failedByStatus[key] ?? 0) + 1;
      } finally {
        this.answered++;
      }
    })();
    this.inFlight.add(p);
    void p.then(() => this.inFlight.delete(p));
  }

  tally(): ReplayTally {
    return { sent: this.sent, answered: this.answered, okByPool: { ...this.okByPool }, failedByStatus: { ...this.failedByStatus } };
  }

  /** Stops sending and waits for the requests in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.next = this.events.length;
    await Promise.all([...this.inFlight]);
  }
}
