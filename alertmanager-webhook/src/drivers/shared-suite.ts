import type { Driver } from './driver';

/**
 * The one contract every driver must keep, run by each driver's test file against the real thing
 * (HAProxy, processes, programs) or, for Kubernetes, a protocol-exact API server.
 */
export interface DriverHarness {
  readonly driver: Driver;
  /** Active units the pool starts with. */
  readonly initial: number;
  /** Active units as seen from outside the driver: traffic through HAProxy, answering processes, API server state. */
  observe(): Promise<number>;
  teardown(): Promise<void>;
}

/** `capacity`: for Bounded drivers, the units the harness's pool has in all. */
export function describeDriverContract(name: string, setup: () => Promise<DriverHarness>, options: { capacity?: number } = {}): void {
  describe(`driver contract: ${name}`, () => {
    let h: DriverHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.teardown();
    });

    it('reports the pool as it is observed from outside', async () => {
      const status = await h.driver.status();
      expect(status.active).toBe(h.initial);
      expect(await h.observe()).toBe(h.initial);
    });

    it('plans without acting, from the current size to the target, naming its steps', async () => {
      const plan = h.driver.plan(await h.driver.status(), h.initial + 1);
      expect(plan).toMatchObject({ from: h.initial, to: h.initial + 1 });
      expect(plan.steps.length).toBeGreaterThan(0);
      expect(await h.observe()).toBe(h.initial);
    });

    it('grows to an absolute target, and applying the same plan again changes nothing more', async () => {
      const plan = h.driver.plan(await h.driver.status(), h.initial + 2);
      expect((await h.driver.apply(plan)).active).toBe(h.initial + 2);
      expect(await h.observe()).toBe(h.initial + 2);
      expect((await h.driver.apply(plan)).active).toBe(h.initial + 2);
      expect(await h.observe()).toBe(h.initial + 2);
    });

    it('shrinks back to the target', async () => {
      await h.driver.apply(h.driver.plan(await h.driver.status(), h.initial + 2));
      const back = await h.driver.apply(h.driver.plan(await h.driver.status(), h.initial));
      expect(back.active).toBe(h.initial);
      expect(await h.observe()).toBe(h.initial);
    });

    it('refuses a negative target, naming the value', async () => {
      expect(() => h.driver.plan({ active: h.initial, standby: 0 }, -1)).toThrow('target must be a whole number >= 0, got -1');
    });

    const { capacity } = options;
    if (capacity !== undefined) {
      it('refuses more units than the bounded pool has, naming both numbers', async () => {
        expect(() => h.driver.plan({ active: h.initial, standby: 0 }, capacity + 1)).toThrow(`target ${capacity + 1} exceeds the ${capacity} units the pool has`);
      });
    }
  });
}
