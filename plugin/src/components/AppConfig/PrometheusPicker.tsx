import React from 'react';
import { lastValueFrom } from 'rxjs';
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import { Alert, Input, Select } from '@grafana/ui';
import type { Fetched } from '../../api/exporter';
import { useFetched } from '../../api/useFetched';
import { testIds } from '../testIds';

interface GrafanaDatasource {
  uid: string;
  name: string;
  type: string;
  isDefault?: boolean;
}

/** The Prometheus data sources of this Grafana (GET /api/datasources, which needs datasources:read). */
async function prometheusDatasources(): Promise<Fetched<GrafanaDatasource[]>> {
  try {
    const res = await lastValueFrom(getBackendSrv().fetch<GrafanaDatasource[]>({ url: '/api/datasources', showErrorAlert: false }));
    return { kind: 'ok', data: res.data.filter((d) => d.type === 'prometheus') };
  } catch (err) {
    const status = isFetchError(err) ? err.status : undefined;
    const message = isFetchError<{ message?: string }>(err) ? err.data?.message : undefined;
    return { kind: 'error', status, message: message ?? (err instanceof Error ? err.message : 'no answer') };
  }
}

/**
 * Picks the Prometheus data source by name from Grafana's own list (stored by uid). When Grafana will
 * not list them for this user, the uid can still be typed, and the page says why.
 */
export function PrometheusPicker({ value, onChange }: { value: string; onChange: (uid: string) => void }) {
  const { result } = useFetched(prometheusDatasources);
  if (result?.kind !== 'ok') {
    return (
      <>
        {result ? (
          <Alert severity="info" title="Grafana did not list its data sources">
            {result.message} — type the data source uid instead.
          </Alert>
        ) : null}
        <Input width={60} id="config-prometheus-uid" data-testid={testIds.appConfig.prometheusUid} value={value} onChange={(e) => onChange(e.currentTarget.value.trim())} />
      </>
    );
  }
  const options = result.data.map((d) => ({ label: d.name, value: d.uid, description: `uid ${d.uid}${d.isDefault ? ', default' : ''}` }));
  const known = options.some((o) => o.value === value);
  return (
    <div data-testid={testIds.appConfig.prometheusPicker}>
      <Select
        width={60}
        inputId="config-prometheus-uid"
        aria-label="Prometheus data source"
        options={known ? options : [...options, { label: `${value} (not found in this Grafana)`, value, description: 'pick an existing data source' }]}
        value={value}
        onChange={(o) => o.value && onChange(o.value)}
      />
      {options.length === 0 ? <p>This Grafana has no Prometheus data source: add one that scrapes the exporter and the webhook.</p> : null}
    </div>
  );
}
