/**
 * Client traffic through the load balancer: a request every `intervalMs`, one at a time, recording which
 * server answered each one and when each server answered for the first time (Date.now() ms).
 */
export const TRAFFIC_INTERVAL_MS = 20;

export class TrafficProbe {
  private readonly firstServed = new Map<string, number>();
  private readonly counts = new Map<string, number>();
  private failures = 0;
  private totalFailures = 0;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly intervalMs = TRAFFIC_INTERVAL_MS,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const res = await fetch(this.url);
        await res.arrayBuffer();
        const by = res.headers.get('x-served-by');
        if (res.ok && by) {
          const now = Date.now();
          if (!this.firstServed.has(by)) this.firstServed.set(by, now);
          this.counts.set(by, (this.counts.get(by) ?? 0) + 1);
        } else {
          this.failures += 1;
          this.totalFailures += 1;
        }
      } catch {
        this.failures += 1;
        this.totalFailures += 1;
      }
      await new Promise((r) => setTimeout(r, this.intervalMs));
    }
  }

  /** When `server` first answered a request, if it has. */
  firstServedAt(server: string): number | undefined {
    return this.firstServed.get(server);
  }

  /** Requests served per server, and failed requests. */
  snapshot(): { served: Record<string, number>; failures: number } {
    return { served: Object.fromEntries(this.counts), failures: this.failures };
  }

  /** Failed requests since the start (not reset by resetCounts). */
  failuresSinceStart(): number {
    return this.totalFailures;
  }

  /** Forgets counts (not first-served times), to measure a later phase on its own. */
  resetCounts(): void {
    this.counts.clear();
    this.failures = 0;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}
