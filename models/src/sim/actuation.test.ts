import { actuate, actuationDelaySteps, type ActuationPath } from './actuation';
import { simulate } from './simulate';
import { runStrategy } from './strategies';
import type { FleetActions, SimConfig, Strategy } from './types';

const config = (over: Partial<SimConfig> = {}): SimConfig => ({ capacity: 10, coldStart: 2, shadowActivation: 1, shadowCost: 0.1, ...over });
const scripted = (actions: Record<number, FleetActions>): Strategy => ({ name: 'scripted', decide: (ctx) => actions[ctx.t] ?? {} });
/** A standby host booted at 1 (standby from 3), activated at 4: serving from 5 in the books. */
const activation = { 1: { launchShadow: 1 }, 4: { activate: 1 } };

describe('actuation delay in the simulator', () => {
  it('a delay of 0 (or none) gives exactly the old numbers and timeline', () => {
    const requests = [10, 10, 20, 20, 20, 20, 10];
    const none = simulate(requests, scripted(activation), config(), { timeline: true });
    const zero = simulate(requests, scripted(activation), config({ actuationDelay: 0 }), { timeline: true });
    expect(zero.metrics).toEqual(none.metrics);
    expect(zero.timeline).toEqual(none.timeline);
    expect(none.timeline!.map((r) => r.serving)).toEqual([1, 1, 1, 1, 1, 2, 2]);
  });

  it('a strategy run at delay 0 reproduces its published numbers (same metrics as before the delay existed)', () => {
    // predictive on a small periodic trace: the same run with and without the field set to 0.
    const requests = Array.from({ length: 3 * 1440 }, (_, t) => 100 + 80 * Math.sin((2 * Math.PI * t) / 1440));
    const a = runStrategy('predictive', requests, config({ capacity: 20, coldStart: 5 }));
    const b = runStrategy('predictive', requests, config({ capacity: 20, coldStart: 5, actuationDelay: 0 }));
    expect(b.metrics).toEqual(a.metrics);
  });

  it('a host activated mid-minute counts in that minute only when it served at least half of it', () => {
    const requests = [10, 10, 20, 20, 20, 20, 20];
    const serving = (delay: number) => simulate(requests, scripted(activation), config({ actuationDelay: delay }), { timeline: true }).timeline!.map((r) => r.serving);
    expect(serving(0.4)).toEqual([1, 1, 1, 1, 1, 2, 2]); // ready at 5.4: serves 0.6 of minute 5
    expect(serving(0.5)).toEqual([1, 1, 1, 1, 1, 2, 2]); // exactly half counts, as measure.ts rounds
    expect(serving(0.7)).toEqual([1, 1, 1, 1, 1, 1, 2]); // ready at 5.7: misses minute 5
    expect(serving(1.2)).toEqual([1, 1, 1, 1, 1, 1, 2]);
    expect(serving(1.7)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    // Minutes 2–6 want 2 hosts: at once minutes 2–4 are short, 0.7 late minute 5 too.
    const tau = (delay: number) => simulate(requests, scripted(activation), config({ actuationDelay: delay })).metrics.tau_U;
    expect(tau(0)).toBeCloseTo((100 * 3) / 7, 9);
    expect(tau(0.7)).toBeCloseTo((100 * 4) / 7, 9);
  });

  it('bills the time-averaged fleet: a late removal costs until it lands, a late start from when it starts', () => {
    // Books: 2 hosts, one removed at minute 2. Real, δ = 0.25: the second host bills a quarter of minute 2.
    const requests = [20, 20, 10, 10];
    const r = simulate(requests, scripted({ 2: { removeServing: 1 } }), config({ actuationDelay: 0.25 }), { timeline: true });
    expect(r.timeline!.map((x) => x.cost)).toEqual([2, 2, 1.25, 1]);
    expect(r.timeline!.map((x) => x.serving)).toEqual([2, 2, 1, 1]);
    expect(r.metrics.cost_host_minutes).toBeCloseTo(6.25, 12);
  });

  it('several hosts starting in one minute are rounded together, as production is measured', () => {
    // Books: 1 → 4 serving at minute 1 (zero activation). δ = 0.6: 1 + 3 × 0.4 = 2.2 → 2 hosts in minute 1.
    const book = { serving: [1, 4, 4], booting: [0, 0, 0], standby: [3, 0, 0], activating: [0, 0, 0], cost: [1.3, 4, 4] };
    const real = actuate(book, 0.6);
    expect([...real.supply]).toEqual([1, 2, 4]);
    expect(real.cost[1]).toBeCloseTo(0.6 * 1.3 + 0.4 * 4, 12);
  });

  it('the strategy sees its own books, not the late fleet (the exporter keeps books the same way)', () => {
    const seen: number[] = [];
    const spy: Strategy = { name: 'spy', decide: (ctx) => (seen.push(ctx.fleet.serving), ctx.t === 1 ? { launch: 1 } : {}) };
    simulate([10, 10, 10, 10, 10], spy, config({ coldStart: 0, actuationDelay: 1.5 }));
    expect(seen).toEqual([1, 2, 2, 2]);
  });

  it('rejects a negative or non-numeric delay with the field named', () => {
    expect(() => simulate([10], scripted({}), config({ actuationDelay: -0.1 }))).toThrow('actuation delay must be a number of steps ≥ 0, got -0.1');
    expect(() => simulate([10], scripted({}), config({ actuationDelay: Number.NaN }))).toThrow(/actuation delay/);
  });
});

describe('actuationDelaySteps (derivation from the path settings)', () => {
  const shipped: ActuationPath = {
    stepSeconds: 60,
    decisionOffsetShare: 0.05,
    scrapeIntervalSeconds: 15,
    evaluationIntervalSeconds: 15,
    ruleForSeconds: 0,
    groupWaitSeconds: 5,
    groupIntervalSeconds: 30,
    groupPerSetPoint: true,
    webhookSeconds: 0.024,
    cooldownSeconds: 30,
  };

  it('adds the mean of every part: 3 + 7.5 + 7.5 + 0 + 5 (a new group) + 0.024 s', () => {
    const d = actuationDelaySteps(shipped);
    expect(d.new_group).toBe(true);
    expect(d.seconds).toBeCloseTo(23.024, 9);
    expect(d.steps).toBeCloseTo(23.024 / 60, 9);
    expect(d.cooldown_defers).toBe(false);
  });

  it('says when the cooldown can defer a change: longer than the step less the scrape and evaluation spread', () => {
    expect(actuationDelaySteps({ ...shipped, cooldownSeconds: 30 }).cooldown_defers).toBe(false);
    expect(actuationDelaySteps({ ...shipped, cooldownSeconds: 31 }).cooldown_defers).toBe(true);
    // Equal to the step (the shipped value until round 7): no term of its own, but changes queue behind each other.
    const atStep = actuationDelaySteps({ ...shipped, cooldownSeconds: 60 });
    expect(atStep.terms.cooldown_beyond_step).toBe(0);
    expect(atStep.cooldown_defers).toBe(true);
  });

  it('waits half a group_interval when set-points share a group and the previous change keeps it open into the next step', () => {
    const d = actuationDelaySteps({ ...shipped, groupPerSetPoint: false, groupIntervalSeconds: 120 });
    expect(d.new_group).toBe(false);
    expect(d.terms.alertmanager).toBe(60);
  });

  it('counts Alertmanager\'s 30 s removal of an empty group when set-points share one', () => {
    // Shared group: flushed at 23 s, resolution known at 38 s, sent at the first group_interval tick after
    // that; removed 15 s later on average. At the shipped 30 s: 23 + 30 + 15 = 68 s, before the next
    // step's alert (60 + 18 = 78 s), so a new group.
    expect(actuationDelaySteps({ ...shipped, groupPerSetPoint: false }).new_group).toBe(true);
    expect(actuationDelaySteps({ ...shipped, groupPerSetPoint: false, groupIntervalSeconds: 40 }).new_group).toBe(true);
    // At 50 s the group is sent at 73 s, which alone would be in time, but removed only at 88 s.
    const open = actuationDelaySteps({ ...shipped, groupPerSetPoint: false, groupIntervalSeconds: 50 });
    expect(open.new_group).toBe(false);
    expect(open.terms.alertmanager).toBe(25);
  });

  it('opens a new group for every set-point that has a group of its own, however long the group_interval', () => {
    const d = actuationDelaySteps({ ...shipped, groupIntervalSeconds: 600 });
    expect(d.new_group).toBe(true);
    expect(d.terms.alertmanager).toBe(5);
  });

  it('adds a rule for: and a cooldown longer than the step', () => {
    const d = actuationDelaySteps({ ...shipped, ruleForSeconds: 30, cooldownSeconds: 90 });
    expect(d.terms.rule_for).toBe(30);
    expect(d.terms.cooldown_beyond_step).toBe(30);
  });

  it('names a bad setting', () => {
    expect(() => actuationDelaySteps({ ...shipped, scrapeIntervalSeconds: -1 })).toThrow('scrapeIntervalSeconds must be a number ≥ 0, got -1');
    expect(() => actuationDelaySteps({ ...shipped, stepSeconds: 0 })).toThrow('stepSeconds must be > 0, got 0');
  });
});
