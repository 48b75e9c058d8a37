import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readLiveExperimentConfig, runLiveExperiment, type LiveExperimentConfig, type LiveRunResult } from '../../experiments';
import { readTraceFile } from '../../sim/trace-file';
import { printResult, stderrProgress } from '../../progress';

interface LiveFlags {
  config: string;
  token?: string;
  webhookToken?: string;
  json?: boolean;
}

/** Where a bearer token may come from, in order: a flag, an environment variable, the config's token file. */
interface TokenSource {
  readonly what: string;
  readonly flag: string;
  readonly env: string;
  readonly field: string;
}

const EXPORTER_TOKEN: TokenSource = { what: 'exporter token: required for POST /v1/experiments/:id/segments', flag: '--token', env: 'SHADOWFLEET_AUTH_TOKEN', field: 'exporter.token_file' };
const WEBHOOK_TOKEN: TokenSource = { what: 'webhook token: required to send set-points to the webhook', flag: '--webhook-token', env: 'SHADOWFLEET_WEBHOOK_TOKEN', field: 'webhook.token_file' };

function tokenOf(src: TokenSource, flag: string | undefined, file: string | undefined): string {
  if (flag) return flag;
  if (process.env[src.env]) return process.env[src.env]!;
  if (file) {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch (err) {
      throw new Error(`${src.field} ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  throw new Error(`${src.what} — pass ${src.flag}, set ${src.env} or ${src.field}`);
}

/** Each pool's history: the config's trace, times its share (default: an even split between the arms). */
function historyOf(c: LiveExperimentConfig): number[] {
  if (!c.history) return [];
  const share = c.history.share ?? 1 / c.arms.length;
  return Array.from(readTraceFile(c.history.file, c.history.column).requests, (r) => r * share);
}

const f3 = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(3));

/** The verdict of each experiment, then each arm's totals. */
export function formatLiveResult(r: LiveRunResult): string {
  const lines: string[] = [];
  for (const spec of r.experimentSpecs) {
    const e = r.experiments[spec.id];
    const stop = r.stoppedAfterSegment[spec.id];
    lines.push(`${spec.id} (${spec.name}): ${e?.verdict ?? 'no segment scored'}${stop ? `, stopped after segment ${stop}` : ''}${e?.reason ? ` — ${e.reason}` : ''}`);
    for (const m of e?.metrics ?? []) {
      lines.push(`  ${m.metric}: control ${f3(m.control)}, treatment ${f3(m.treatment)}, difference ${f3(m.difference)} (95 % interval ${f3(m.lower)} … ${f3(m.upper)})`);
    }
  }
  for (const a of Object.values(r.arms)) {
    const strategy = a.finalStrategy === a.strategy ? a.strategy : `${a.strategy} → ${a.finalStrategy}`;
    lines.push(
      `${a.pool}: ${strategy}, ${Math.round(a.requests)} requests, ${f3(a.cost)} host-minutes (${f3(a.costPer100Requests)} per 100 requests), ` +
        `mean ${f3(a.meanServing)} hosts serving, Apdex ${f3(a.kpis?.apdex)}, p95 ${f3(a.kpis?.latency_p95_seconds)} s`,
    );
    const accepted = a.setPoints.filter((p) => p.outcome === 'accepted').length;
    lines.push(
      `  ${a.setPoints.length} set-point(s) to the webhook (${accepted} accepted); host starts: ${a.hostStarts.warm} warm, ${a.hostStarts.cold} cold; ` +
        `simulated: ${f3(a.simulated.costPer100Requests)} per 100 requests, ${f3(a.simulated.unservedPct)} % unserved ` +
        `(actuation delay ${f3(a.actuationDelay.steps)} step, ${a.actuationDelay.measured ? 'measured' : 'derived'})`,
    );
  }
  lines.push(`${r.minutesRun} minute(s), ${r.segments.length} segment(s)${r.aborted ? ' (interrupted)' : ''}`);
  return lines.join('\n') + '\n';
}

/** `shadowfleet experiment live --config FILE`: registered on the `experiment` command. */
export function registerExperimentLive(experiment: Command): void {
  experiment
    .command('live')
    .description('Run a live A/B of allocation strategies: each arm\'s strategy sets its pool\'s hosts minute by minute through the webhook\'s drivers; outcomes from HAProxy, verdicts through the exporter')
    .requiredOption('--config <file>', 'JSON config: haproxy_socket, webhook.url, pools_file, exporter.url, arms [{pool, backend?, strategy, hosts?}], capacity_per_host, minutes … (docs/live-ab.md)')
    .option('--token <token>', 'the exporter\'s bearer token (default: SHADOWFLEET_AUTH_TOKEN, then the config\'s exporter.token_file)')
    .option('--webhook-token <token>', 'the webhook\'s bearer token (default: SHADOWFLEET_WEBHOOK_TOKEN, then the config\'s webhook.token_file)')
    .option('--json', 'print one JSON object at the end')
    .addHelpText(
      'after',
      '\nIt changes nothing itself: each arm\'s target goes to the webhook as a set_hosts set-point, and the webhook\'s\n' +
        'driver for the pool (the one that scales production) applies it. The runner reads HAProxy\'s runtime\n' +
        'socket (level admin) and its host agent sets server weights: a host the webhook turns ready takes traffic once its\n' +
        'cold start or activation (cold_start_minutes, shadow_activation_minutes) has passed. It needs the exporter running with its KPI syslog listener\n' +
        '(SHADOWFLEET_KPI_SYSLOG_PORT) fed by HAProxy\'s KPI log lines. Ctrl-C ends the run after the current minute.\n',
    )
    .action(async (_flags: LiveFlags, cmd: Command) => {
      // With the parent's options: commander gives `experiment`'s own --json to it even after `live`.
      const flags = cmd.optsWithGlobals<LiveFlags>();
      const c = readLiveExperimentConfig(flags.config);
      const token = tokenOf(EXPORTER_TOKEN, flags.token, c.exporter.token_file);
      const webhookToken = tokenOf(WEBHOOK_TOKEN, flags.webhookToken, c.webhook.token_file);
      const history = historyOf(c);
      const abort = new AbortController();
      const onSigint = (): void => abort.abort();
      process.once('SIGINT', onSigint);
      try {
        const r = await runLiveExperiment(c, { token, webhookToken, history, signal: abort.signal, progress: stderrProgress('experiment live') });
        printResult(flags.json, r, formatLiveResult);
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
