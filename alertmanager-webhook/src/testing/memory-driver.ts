import { checkTarget, type ApplyOptions, type Driver, type Plan, type PoolStatus } from '../drivers/driver';

/**
 * Test double of the Driver interface for engine tests (the real drivers have their own tests against
 * real HAProxy, real processes and a protocol-exact Kubernetes API): counts applies and can hold an
 * apply open until released, to test concurrency and draining.
 */
export class MemoryDriver implements Driver {
  readonly kind = 'memory';
  applies: Plan[] = [];
  running = 0;
  maxRunning = 0;
  /** Behave like a driver that ignores AbortSignal (a hung API call). */
  ignoreSignal = false;
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;

  constructor(
    public active = 1,
    public standby = 5,
  ) {}

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  async status(): Promise<PoolStatus> {
    return { active: this.active, standby: this.standby };
  }

  plan(current: PoolStatus, target: number): Plan {
    checkTarget('memory', target);
    return { from: current.active, to: target, steps: [{ op: 'set', unit: 'memory' }] };
  }

  async apply(plan: Plan, options: ApplyOptions = {}): Promise<PoolStatus> {
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (this.gate) {
        const aborted = new Promise<never>((_, reject) => {
          if (!this.ignoreSignal) options.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        });
        await Promise.race([this.gate, aborted]);
      }
      this.applies.push(plan);
      this.active = plan.to;
      return this.status();
    } finally {
      this.running--;
    }
  }
}
