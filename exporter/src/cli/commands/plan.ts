import type { Command } from 'commander';
import { analyseWithSettings } from '../../trend/analyse';
import { historyFromTraceFile } from '../../trend/history';
import { analysisJson } from '../../trend/plan-json';
import { analysisText } from '../../trend/plan-text';
import { loadTrendSettings, parseTrendSettings } from '../../trend/settings';
import { printResult } from '../../progress';

interface PlanOpts {
  history: string;
  column?: string;
  settings?: string;
  capacity?: string;
  coldStart?: string;
  tier1Hosts?: string;
  minSustained?: string;
  level?: string;
  hours?: string;
  json?: boolean;
}

/** Flags override the settings file; each is validated by the settings schema, named by its flag. */
function withFlags(opts: PlanOpts): ReturnType<typeof parseTrendSettings> {
  const base = loadTrendSettings(opts.settings);
  const flags: Array<[keyof PlanOpts, string, string]> = [
    ['capacity', 'capacityPerHost', '--capacity'],
    ['coldStart', 'coldStartMinutes', '--cold-start'],
    ['tier1Hosts', 'tier1Hosts', '--tier1-hosts'],
    ['minSustained', 'minSustainedMinutes', '--min-sustained'],
    ['level', 'level', '--level'],
    ['hours', 'horizonHours', '--hours'],
  ];
  const merged: Record<string, unknown> = { ...base };
  for (const [opt, key, flag] of flags) {
    const v = opts[opt];
    if (v === undefined) continue;
    const n = Number(v);
    if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) throw new Error(`${flag} must be a number, got "${String(v)}"`);
    merged[key] = n;
  }
  return parseTrendSettings(merged, 'plan options');
}

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('Forecast load from a request history (MSTL+ETS) and print the shadow fleet plan for the coming 7 days')
    .requiredOption('--history <file>', 'CSV (optionally gzip): timestamp first (ISO 8601 or Unix seconds), a "requests" column per minute; rows with status other than ok are skipped')
    .option('--column <name>', 'numeric column holding requests per minute (default requests)')
    .option('--settings <file>', 'trend settings JSON: templates, capacity, cold start, tier 1, minimum sustained minutes, level')
    .option('--capacity <n>', 'requests per minute one host serves (default: max of the history / 100)')
    .option('--cold-start <min>', 'cold start = warm-up minutes of a shadow host (default 5)')
    .option('--tier1-hosts <n>', 'hosts of headroom tier 1 adds at once (default 0)')
    .option('--min-sustained <min>', 'a predicted excess must last this long to need standby hosts (default 15)')
    .option('--level <p>', 'prediction interval level, between 0 and 1 (default 0.95)')
    .option('--hours <n>', 'plan length in hours (default 168)')
    .option('--json', 'print one JSON object (forecast, peaks, changepoints, plan per hour, warm-up orders)')
    .action(async (opts: PlanOpts) => {
      const settings = withFlags(opts);
      const history = historyFromTraceFile(opts.history, opts.column);
      const analysis = await analyseWithSettings(history, settings);
      printResult(opts.json, analysis, (a) => analysisText(a), (a) => analysisJson(a, Date.now()));
    });
}
