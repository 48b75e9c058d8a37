import React from 'react';
import { Link } from 'react-router-dom';
import { Alert, Badge } from '@grafana/ui';
import { callExporter, type Fetched } from '../../api/exporter';
import { promRange, type PromSeries, type QueryVars } from '../../api/prometheus';
import type { Decision, DecisionsBody } from '../../api/types';
import { useFetched } from '../../api/useFetched';
import { PLUGIN_BASE_URL } from '../../constants';
import { QUERIES } from '../../queries';
import { FetchedView } from '../../components/common/FetchedView';
import { SimpleTable, type Column } from '../../components/common/SimpleTable';
import { useSettings } from '../../components/common/SettingsContext';
import { formatWhen } from '../../components/common/time';
import { testIds } from '../../components/testIds';
import { chainFor, forecastLink, type CounterSeries } from './chain';
import { staleSince, whyWithNumbers } from './decisionText';
import { IntentList, useWebhookIntents } from './IntentList';

const isDryRun = (mode?: string) => mode === 'dry-run' || mode === 'forecast-only';
const SHOWN = 20;

/** What Prometheus holds about the decisions' time span: the scaling rule's alerts and the webhook's counters. */
interface Found {
  alerts: PromSeries[];
  actions: CounterSeries[];
}

interface Row {
  d: Decision;
  atMs: number;
  untilMs: number;
}

/** Each decision with the time until the next one for its pool (or now): the window its chain is looked for in. */
function rowsOf(decisions: Decision[], now = Date.now()): Row[] {
  const next = new Map<string, number>();
  return decisions.slice(0, SHOWN).map((d) => {
    const atMs = Date.parse(d.at);
    const key = d.pool ?? '';
    const untilMs = next.get(key) ?? now;
    next.set(key, atMs);
    return { d, atMs, untilMs };
  });
}

/** The decisions table with, beside each, what followed in Prometheus: the scaling rule and the webhook's outcome. */
function DecisionTable({ body, pool, vars }: { body: DecisionsBody } & PoolProps) {
  const { prometheusUid } = useSettings();
  const rows = rowsOf((body.decisions ?? []).filter((d) => pool === undefined || d.pool === pool));
  const oldest = Math.min(...rows.map((r) => r.atMs).filter(Number.isFinite));
  const key = `${prometheusUid}|${pool ?? ''}|${rows[0]?.d.at ?? ''}`;
  const { result } = useFetched(async (): Promise<Fetched<Found>> => {
    if (!Number.isFinite(oldest)) {
      return { kind: 'ok', data: { alerts: [], actions: [] } };
    }
    const range = { fromMs: oldest, toMs: Date.now() };
    const [alerts, actions] = await Promise.all([promRange(prometheusUid, QUERIES.scalingAlerts, range, vars), promRange(prometheusUid, QUERIES.webhookActionsCounted, range, vars)]);
    if (alerts.kind !== 'ok') {
      return alerts;
    }
    if (actions.kind !== 'ok') {
      return actions;
    }
    // A counter series first seen more than two steps (of 120) into the range was born there.
    const bornAfterS = range.fromMs / 1000 + (range.toMs - range.fromMs) / 1000 / 60;
    return { kind: 'ok', data: { alerts: alerts.data, actions: actions.data.map((a) => ({ ...a, firstSeenAfterS: bornAfterS })) } };
  }, key);
  const intents = useWebhookIntents(oldest, pool, key);
  const chainOf = (r: Row, found: Found) => chainFor(r.d.pool, r.atMs, r.untilMs, found.alerts, found.actions);
  const chainCell = (r: Row) => {
    if (!result) {
      return 'looking in Prometheus…';
    }
    if (result.kind !== 'ok') {
      return `Prometheus: ${result.kind === 'error' ? result.message : 'unavailable'}`;
    }
    const c = chainOf(r, result.data);
    return (
      <>
        <div>Rule: {c.rule}</div>
        <div>
          Webhook: {c.webhook} {c.dryRun ? <Badge color="blue" text="dry run: nothing changed" /> : null}
        </div>
      </>
    );
  };
  const columns: Array<Column<Row>> = [
    { header: 'When', cell: (r) => formatWhen(r.d.at) },
    { header: 'Pool', cell: (r) => r.d.pool ?? '' },
    { header: 'Policy', cell: (r) => (r.d.policy_version !== undefined ? `v${r.d.policy_version}` : '—') },
    { header: 'Why, with numbers', cell: (r) => whyWithNumbers(r.d) },
    { header: 'What followed (Prometheus)', cell: chainCell },
    { header: 'Intents (webhook)', cell: (r) => <IntentList result={intents} pool={r.d.pool} atMs={r.atMs} untilMs={r.untilMs} /> },
    { header: 'Forecast then', cell: (r) => (Number.isFinite(r.atMs) ? <Link to={forecastLink(PLUGIN_BASE_URL, r.atMs, r.d.forecast?.horizon_minutes)}>forecast at that moment</Link> : '—') },
  ];
  return <SimpleTable testId={testIds.overview.decisions} empty="No decisions recorded yet." rows={rows} columns={columns} />;
}

interface PoolProps {
  /** The page's picked pool (undefined: all). */
  pool?: string;
  /** `$pool` for the chain's queries. */
  vars: QueryVars;
}

/** The resource manager's latest decisions with their numbers and what followed, labelled when dry-run or stale. */
export function Decisions({ pool, vars }: PoolProps) {
  const { result } = useFetched(() => callExporter<DecisionsBody>('/v1/decisions'));
  return (
    <FetchedView what="GET /v1/decisions" result={result}>
      {(body) => {
        const stale = staleSince(body.decisions ?? [], body.interval_seconds);
        return (
          <>
            {body.message ? <p>{body.message}</p> : null}
            {stale !== undefined ? (
              <Alert severity="warning" title="Stale decisions" data-testid={testIds.overview.stale}>
                The newest decision is from {formatWhen(stale)}: the exporter has not decided since.
              </Alert>
            ) : null}
            <p data-testid={testIds.overview.dryRun}>
              {isDryRun(body.mode) ? 'Dry run (forecast only, nothing real is changed). ' : 'Live: decisions reach the webhook. '}
              {body.policy_version !== undefined ? `Policy version ${body.policy_version}. ` : ''}
              {body.fleet
                ? `The allocator’s own fleet model: ${body.fleet.serving} serving, ${body.fleet.booting} booting, ${body.fleet.standby} standby, ${body.fleet.activating} activating.`
                : ''}
            </p>
            <DecisionTable body={body} pool={pool} vars={vars} />
          </>
        );
      }}
    </FetchedView>
  );
}
