import os from 'node:os';
import { readTraceFile, shippedActuationDelay } from '@shadowfleet/exporter';
import { TUNING_GRID, configLabel, configOf } from '@shadowfleet/models';
import type { BenchSuite } from '../suite';
import { AuditRunner, tuningAudit, type AuditTrace } from '../tuning/audit';
import { RATE_TRACES } from '../data/rate-traces';
import { needSharedData } from '../data/shared-data';

/** As the simulate bench: the shipped path's actuation delay is part of every simulation (docs/simulation.md). */
const DEFAULTS = { coldStart: 5, shadowActivation: 1, shadowCost: 0.1, actuationDelay: shippedActuationDelay().steps };
/** The defaults before this audit (set on the whole traces), reported beside the current ones. */
const PREVIOUS_DEFAULTS = { targets: { servingQuantile: 0.985, surgeQuantile: 0.99 }, forecast: { burstSurprise: 0.5 } };

/** What the audit leaves at its code value, and why (docs/tuning-audit.md has the whole inventory). */
const FROZEN = [
  'targets.utilisation = 1: the contract defines C as a host\'s capacity within its SLO, so sizing below it only scales the quantiles',
  'cooldowns = 0 and bounds (1 … 200 hosts): operator limits, not fitted; a cooldown can only delay a move the manager wants',
  'errorWindowMinutes (7 days), volatilityMinutes (60), level-shift rule (2 minutes beyond 4 scales), level buckets, MIN_ERRORS 60 and the wide default z = 4: window lengths and warm-up guards, not searched (each run costs ~12 s of both cores)',
  'burstPeriods [30, 60] (searched only as on/off), the burst test quantile 0.95, the daily re-test and MIN_PER_PHASE 30',
  'tier 1 refit every 360 minutes on 1,440 samples, Theil–Sen on ≤ 300, saturation 0.99; the standby keep time Lc/ks (a cost identity, capped at 1,440 minutes)',
];

export const tuningAuditSuite: BenchSuite = {
  name: 'tuning-audit',
  description:
    'tuning audit (issue 17): tiered constants chosen on the first half of each trace only (per trace, leave-one-trace-out, pooled) and reported on the second halves against predictive and hpa, through policyStrategy',
  async run() {
    const load_average_start = os.loadavg();
    // Every rate trace; `replay-heldout` replays slices of the same held-out halves.
    const traces: AuditTrace[] = RATE_TRACES.map((t) => {
      const requests = readTraceFile(needSharedData(t.file, 'tuning-audit')).requests;
      process.stderr.write(`  ${t.name}: ${requests.length} minutes\n`);
      return { name: t.name, requests, capacity: Math.max(...requests) / 100 };
    });
    const runner = new AuditRunner(traces, DEFAULTS, (line) => process.stderr.write(line + '\n'));
    const audit = tuningAudit(runner, PREVIOUS_DEFAULTS);
    return {
      protocol: {
        split: 'each trace cut in time at half its minutes; the first half is the only data any choice sees, the second half is reported (each half simulated from an empty history, C = max/100 of the whole trace)',
        objectives: {
          'tau-first':
            'lexicographic over the training halves a scheme sees: meet the goal against predictive (tau_U ≤ ½ predictive, cost_ratio ≤ predictive) on the most, then tau_U ≤ 1 % on the most, then the lowest mean cost_ratio; ties keep the default (stated before the first run)',
          'goal-then-cost': 'meet the goal on the most training halves, then the lowest mean cost_ratio; ties keep the default (the simulate bench hold-out\'s rule since 28 Nov)',
        },
        search: 'one group at a time around the defaults of the others (targets, burst, trend); the chosen candidate of each group joined',
        schemes: {
          per_trace: 'chosen on the trace\'s own first half',
          leave_one_trace_out: 'chosen on the other traces\' first halves only',
          pooled: 'chosen on all first halves: one setting for every trace (the candidate for DEFAULT_POLICY)',
        },
        strategy: 'policyStrategy(DEFAULT_POLICY with the setting\'s quantiles, { forecast: internals }), the code the exporter\'s ManagerService runs',
        sim_defaults: DEFAULTS,
        grid: TUNING_GRID.map((c) => ({ group: c.group, setting: configLabel(configOf(c)) })),
        frozen: FROZEN,
      },
      load_average_start,
      load_average_end: os.loadavg(),
      ...audit,
    };
  },
};
