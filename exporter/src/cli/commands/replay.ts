import type { Command } from 'commander';
import { parseReplayFlags, REPLAY_DEFAULTS, type ReplayFlags } from '../../replay/options';
import { runReplay } from '../../replay/run';
import { printResult, stderrProgress } from '../../progress';
import { interruption } from '../interruption';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('Replay a slice of a per-minute trace through the real chain (exporter, Prometheus, Alertmanager, webhook, HAProxy, worker hosts) at X× real time, and compare it with the simulation of the same slice (docs/replay.md)')
    .option('--strategy <name>', "what the exporter's manager runs: tiered (the product), predictive or hpa (a baseline, saved as the policy's strategy; the simulated side runs the same)", REPLAY_DEFAULTS.strategy)
    .option('--trace <file>', 'per-minute trace (CSV, optionally gzip; the formats of `simulate`)')
    .option('--from <iso>', 'first minute of the slice (ISO 8601 time within the trace)')
    .option('--offset-hours <h>', 'first minute of the slice, in hours of rows from the trace start')
    .option('--hours <h>', 'length of the slice', REPLAY_DEFAULTS.hours)
    .option('--speed <x>', 'time compression; must divide 60 (the decision interval is 60/X whole seconds)', REPLAY_DEFAULTS.speed)
    .option('--warm-hours <h>', 'hours of the trace before the slice the manager warms up on', REPLAY_DEFAULTS.warmHours)
    .option('--capacity <n>', "C: trace requests per minute one host serves (default: the slice's busiest minute / --peak-hosts)")
    .option('--peak-hosts <n>', 'hosts the busiest minute of the slice needs (sets C when --capacity is not given)', REPLAY_DEFAULTS.peakHosts)
    .option('--servers <n>', 'servers in the HAProxy backend, the pool max (default 2 × the peak demand)')
    .option('--max-rps <n>', 'most HTTP requests per second the busiest minute sends (each stands for several trace requests above it)', REPLAY_DEFAULTS.maxRps)
    .option('--port-base <port>', 'first of the 5 loopback ports used (exporter, webhook, Prometheus, Alertmanager, HAProxy)', REPLAY_DEFAULTS.portBase)
    .option('--json', 'print one JSON object {production, simulated, agreement, ...}')
    .action(async (flags: ReplayFlags) => {
      const parsed = parseReplayFlags(flags);
      const progress = stderrProgress('replay');
      // Ctrl-C, SIGTERM, SIGHUP or a closed output pipe stop the run and everything it started (in runReplay's finally).
      const signal = interruption('the replay', (why) => progress(`stopping (${why})`));
      const report = await runReplay({ ...parsed, progress, signal });
      const keys = ['tau_U', 'theta_U', 'unserved_pct', 'cost_host_minutes', 'cost_ratio'] as const;
      const row = (name: string, m: Record<string, unknown>) => `${name.padEnd(11)} ${keys.map((k) => String((m[k] as number).toFixed(3)).padStart(12)).join('')}`;
      printResult(flags.json, report, () =>
        [
          `${report.strategy}: slice ${report.slice.start} + ${report.slice.minutes} min at ${report.speed}×, C = ${report.capacity_per_host.toFixed(2)} requests/min, ${report.servers} servers`,
          `set-up      ${report.setup.serving} serving, ${report.setup.standby} standby from the decision of ${report.setup.decision_at} (${report.setup.warm_events} warm-up events, saved ${report.setup.posted_s_before_t0.toFixed(1)} s before the slice)`,
          `${''.padEnd(11)} ${keys.map((k) => k.padStart(12)).join('')}`,
          row('production', report.production as unknown as Record<string, unknown>),
          row('simulated', report.simulated as unknown as Record<string, unknown>),
          row('sim at once', report.simulated_at_once as unknown as Record<string, unknown>),
          `agreement   ${JSON.stringify(report.agreement)}`,
          `simulated with an actuation delay of ${report.actuation_delay.steps.toFixed(2)} steps (${report.actuation_delay.source}; shipped default ${report.actuation_delay.shipped_default_steps.toFixed(2)})`,
          ...(report.path_delay
            ? [`path delay  decision → HAProxy median ${report.path_delay.median_steps.toFixed(2)} steps (p10 ${report.path_delay.p10_steps.toFixed(2)}, p90 ${report.path_delay.p90_steps.toFixed(2)}, ${report.path_delay.matched} changes)`]
            : []),
          ...(report.path_delay_parts
            ? [
                `  by part   ${(['exporter', 'prometheus', 'alertmanager', 'webhook'] as const)
                  .map((k) => `${k} ${report.path_delay_parts!.measured[k].median_steps.toFixed(2)} (derived ${report.path_delay_parts!.derived[k].toFixed(2)})`)
                  .join(', ')}; medians of ${report.path_delay_parts.measured.matched} set-points applied`,
              ]
            : []),
          `host starts production ${report.production.host_starts.warm} warm / ${report.production.host_starts.cold} cold (${report.production.host_starts.cold_from_booting} on a host already booting); simulated ${report.simulated.host_starts.activations} activations / ${report.simulated.host_starts.cold_launches} cold launches`,
          `load average before ${report.load_average.before}, after ${report.load_average.after}; ${report.wall_seconds.toFixed(0)} s wall`,
        ].join('\n'),
      );
    });
}
