/** A job for the writer: a batch of events to append (grouped with its neighbours) or an exclusive task. */
type Job<E> =
  | { readonly kind: 'events'; readonly events: readonly E[]; resolve(): void; reject(err: unknown): void }
  | { readonly kind: 'task'; run(): Promise<void>; resolve(): void; reject(err: unknown): void };

/**
 * Serialises every write to one connection and commits concurrent event batches together: while one
 * transaction commits, new batches queue up and the next transaction takes them all (up to
 * `maxGroupEvents`), so many small batches share one commit and one fsync. If a group fails, its
 * batches are retried one by one so that one bad batch cannot fail its neighbours.
 */
export class GroupCommitQueue<E> {
  private readonly queue: Job<E>[] = [];
  private running = false;
  private queuedEvents = 0;

  constructor(
    private readonly commitEvents: (events: readonly E[]) => Promise<void>,
    private readonly maxGroupEvents = 50_000,
  ) {}

  /** Events queued or being committed. */
  get pendingEvents(): number {
    return this.queuedEvents;
  }

  appendEvents(events: readonly E[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queuedEvents += events.length;
      this.queue.push({ kind: 'events', events, resolve, reject });
      void this.drain();
    });
  }

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let result: T;
      this.queue.push({
        kind: 'task',
        run: async () => {
          result = await fn();
        },
        resolve: () => resolve(result),
        reject,
      });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0]!;
        if (head.kind === 'task') {
          this.queue.shift();
          await head.run().then(head.resolve, head.reject);
          continue;
        }
        const group: Array<Job<E> & { kind: 'events' }> = [];
        let n = 0;
        while (this.queue.length > 0) {
          const next = this.queue[0]!;
          if (next.kind !== 'events' || (group.length > 0 && n + next.events.length > this.maxGroupEvents)) break;
          this.queue.shift();
          group.push(next);
          n += next.events.length;
        }
        await this.commitGroup(group, n);
      }
    } finally {
      this.running = false;
    }
  }

  private async commitGroup(group: Array<Job<E> & { kind: 'events' }>, n: number): Promise<void> {
    try {
      await this.commitEvents(group.length === 1 ? group[0]!.events : group.flatMap((j) => j.events));
      for (const j of group) j.resolve();
    } catch (err) {
      if (group.length === 1) group[0]!.reject(err);
      else
        for (const j of group) {
          await this.commitEvents(j.events).then(j.resolve, j.reject);
        }
    } finally {
      this.queuedEvents -= n;
    }
  }
}
