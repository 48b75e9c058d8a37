import React, { useState } from 'react';
import { Alert, Button, Stack } from '@grafana/ui';
import { callExporter } from '../../api/exporter';
import { promInstant } from '../../api/prometheus';
import { testIds } from '../testIds';

export interface CheckResult {
  what: string;
  ok: boolean;
  message: string;
}

/**
 * Checks the SAVED settings the way the pages use them: the exporter through the plugin proxy, the
 * token by asking for a rollback to version 0 — the exporter checks the bearer token first (401 when
 * wrong) and then refuses the version (400 naming `version`), so nothing changes and nothing heavy
 * runs — and Prometheus through the data source proxy (does it have the exporter's series?). Each
 * failure says what to fix.
 */
export async function checkConnection(prometheusUid: string): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const health = await callExporter<unknown>('/healthz');
  out.push(
    health.kind === 'ok'
      ? { what: 'Exporter', ok: true, message: 'reachable through Grafana' }
      : { what: 'Exporter', ok: false, message: `${health.message} — check the exporter URL (as Grafana's server reaches it) and save` }
  );
  if (health.kind === 'ok') {
    const probe = await callExporter<unknown>('/v1/policy/rollback', { method: 'POST', data: { version: 0 } });
    const accepted = probe.kind === 'error' && probe.status === 400 && Boolean(probe.fields?.some((f) => f.field === 'version'));
    out.push({
      what: 'Token',
      ok: accepted,
      message: accepted
        ? 'accepted by the exporter'
        : probe.kind === 'error' && probe.status === 401
          ? 'the exporter refused the token: paste SHADOWFLEET_AUTH_TOKEN again and save'
          : `unexpected answer to the token check: ${probe.kind === 'ok' ? 'ok' : probe.message}`,
    });
  }
  const prom = await promInstant(prometheusUid, 'count(shadowfleet_store_events)');
  out.push(
    prom.kind !== 'ok'
      ? { what: 'Prometheus', ok: false, message: `${prom.message} — ${promFix(prom.status, prometheusUid)}` }
      : prom.data.length === 0
        ? { what: 'Prometheus', ok: false, message: `data source "${prometheusUid}" has no shadowfleet_* series: add the exporter to its scrape targets` }
        : { what: 'Prometheus', ok: true, message: `data source "${prometheusUid}" has the exporter's series` }
  );
  return out;
}

/** What to do about a failed data source query, by Grafana's answer. */
function promFix(status: number | undefined, uid: string): string {
  if (status === 404) {
    return `Grafana has no data source with uid "${uid}": pick one in the list above and save`;
  }
  if (status === 502 || status === 504) {
    return `Grafana could not reach data source "${uid}": check its URL under Connections → Data sources, or pick another and save`;
  }
  if (status === 403 || status === 401) {
    return `Grafana refused the query for this user on data source "${uid}": check its permissions`;
  }
  return `check data source "${uid}" (Connections → Data sources)`;
}

export function ConnectionCheck({ prometheusUid }: { prometheusUid: string }) {
  const [results, setResults] = useState<CheckResult[] | undefined>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setResults(await checkConnection(prometheusUid));
    setBusy(false);
  };
  return (
    <div data-testid={testIds.appConfig.check}>
      <Stack>
        <Button variant="secondary" onClick={run} disabled={busy}>
          Test connection (saved settings)
        </Button>
      </Stack>
      {results?.map((r) => (
        <Alert key={r.what} severity={r.ok ? 'success' : 'error'} title={`${r.what}: ${r.ok ? 'OK' : 'problem'}`}>
          {r.message}
        </Alert>
      ))}
    </div>
  );
}
