import { shippedActuationDelay, WEBHOOK_RECEIPT_TO_CHANGE_SECONDS } from '../sim/actuation-delay';
import { abPathDelay, armActuationDelay } from './arm-delay';

const t0 = 1_000_000;
const minuteMs = 500;

describe("the live A/B's actuation delay", () => {
  it('is derived for its own path: the webhook only, plus a cooldown longer than the minute', () => {
    const d = abPathDelay(minuteMs, 0.1);
    expect(d.seconds).toBeCloseTo(WEBHOOK_RECEIPT_TO_CHANGE_SECONDS, 9);
    expect(d.steps).toBeCloseTo(WEBHOOK_RECEIPT_TO_CHANGE_SECONDS / 0.5, 9);
    expect(d.terms).toMatchObject({ scrape: 0, evaluation: 0, alertmanager: 0 });
    expect(abPathDelay(minuteMs, 2).seconds).toBeCloseTo(WEBHOOK_RECEIPT_TO_CHANGE_SECONDS + 1.5, 9);
  });

  it('is measured from the set-points to the pool changes the host agent saw, as the replay measures it', () => {
    const setPoints = [
      { minute: 0, target: 3 },
      { minute: 2, target: 5 },
      { minute: 5, target: 4 },
      { minute: 7, target: 60 }, // clamped by the webhook to the pool's max, 8
    ];
    const changes = [
      { at: t0 - 50, active: 3 },
      { at: t0 + 2 * minuteMs + 40, active: 5 },
      { at: t0 + 5 * minuteMs + 60, active: 4 },
      { at: t0 + 7 * minuteMs + 50, active: 8 },
    ];
    const d = armActuationDelay({ setPoints, changes, t0, minuteMs, cooldownSeconds: 0.1, applied: (n) => Math.min(8, n) });
    expect(d.measured).toMatchObject({ matched: 3 });
    expect(d.steps).toBeCloseTo(0.1, 9);
    expect(d.seconds).toBeCloseTo(0.05, 9);
    expect(d.source).toMatch(/^measured median over 3 changes/);
    expect(d.shipped_default_steps).toBe(shippedActuationDelay().steps);
  });

  it('falls back to the derived delay when no change matched, and says so', () => {
    const d = armActuationDelay({ setPoints: [{ minute: 0, target: 3 }], changes: [{ at: t0, active: 3 }], t0, minuteMs, cooldownSeconds: 0.1, applied: (n) => n });
    expect(d.measured).toBeUndefined();
    expect(d.steps).toBeCloseTo(abPathDelay(minuteMs, 0.1).steps, 9);
    expect(d.source).toMatch(/no change of the pool matched a set-point/);
  });
});
