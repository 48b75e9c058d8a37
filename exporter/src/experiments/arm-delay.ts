import { actuationDelaySteps } from '@shadowfleet/models';
import { measurePathDelay, type PathDelay } from '../replay/path-delay';
import { shippedActuationDelay, WEBHOOK_RECEIPT_TO_CHANGE_SECONDS, type StatedActuationDelay } from '../sim/actuation-delay';

/**
 * The live A/B's own path from an arm's decision to its pool, derived as the shipped path's is
 * (actuationDelaySteps): the runner decides at the start of the minute and posts the set-point to the
 * webhook itself — no scrape, no rule evaluation, no Alertmanager — and the webhook changes HAProxy; a
 * pool cooldown longer than the (possibly compressed) minute defers the change.
 */
export function abPathDelay(minuteMs: number, cooldownSeconds: number): StatedActuationDelay {
  const stepSeconds = minuteMs / 1000;
  const d = actuationDelaySteps({
    stepSeconds,
    decisionOffsetShare: 0,
    scrapeIntervalSeconds: 0,
    evaluationIntervalSeconds: 0,
    ruleForSeconds: 0,
    groupWaitSeconds: 0,
    groupIntervalSeconds: 0,
    groupPerSetPoint: true,
    webhookSeconds: WEBHOOK_RECEIPT_TO_CHANGE_SECONDS,
    cooldownSeconds,
  });
  return { steps: d.steps, seconds: d.seconds, step_seconds: stepSeconds, source: 'derived: the runner posts set-points to the webhook itself (no Prometheus, no Alertmanager)', terms: d.terms };
}

function shippedSteps(): number | null {
  try {
    return shippedActuationDelay().steps;
  } catch {
    return null; // provisioning/ is not beside this install: the comparison is left out, the arm's own delay is not.
  }
}

/** The delay an arm's prediction was simulated with, where it came from, and the shipped path's for comparison. */
export interface ArmActuationDelay extends StatedActuationDelay {
  /** Measured from the arm's set-points (at their minute's start) to the pool's changes its host agent saw; absent when none matched. */
  readonly measured?: PathDelay;
  /** The shipped Prometheus → Alertmanager → webhook path's delay (docs/simulation.md), which this runner does not take; null without provisioning/. */
  readonly shipped_default_steps: number | null;
}

/**
 * The delay of an arm's path, as the replay takes it: the median measured on the run (each change of the
 * pool against the set-point it carries out, counted from the start of the minute it was decided for),
 * else the delay derived for the A/B's path.
 */
export function armActuationDelay(o: {
  readonly setPoints: ReadonlyArray<{ readonly minute: number; readonly target: number }>;
  readonly changes: ReadonlyArray<{ readonly at: number; readonly active: number }>;
  readonly t0: number;
  readonly minuteMs: number;
  readonly cooldownSeconds: number;
  /** The target the webhook applies (clamped to the pool's bounds). */
  readonly applied: (target: number) => number;
}): ArmActuationDelay {
  const derived = abPathDelay(o.minuteMs, o.cooldownSeconds);
  const shipped = shippedSteps();
  const decisions = o.setPoints.map((s) => ({ at: o.t0 + s.minute * o.minuteMs, serving: o.applied(s.target) }));
  const measured = measurePathDelay(decisions, o.changes, o.minuteMs);
  if (!measured) return { ...derived, source: `${derived.source}; no change of the pool matched a set-point to measure`, shipped_default_steps: shipped };
  return {
    steps: measured.median_steps,
    seconds: (measured.median_steps * o.minuteMs) / 1000,
    step_seconds: o.minuteMs / 1000,
    source: `measured median over ${measured.matched} changes (set-point's minute → the pool changed); derived for this path: ${derived.steps.toFixed(3)} step`,
    measured,
    shipped_default_steps: shipped,
  };
}
