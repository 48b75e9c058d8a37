import React from 'react';
import { Combobox, InlineField } from '@grafana/ui';
import { ALL_POOLS } from '../../api/poolVar';
import { promLabelValues } from '../../api/prometheus';
import { useFetched } from '../../api/useFetched';
import { useSettings } from './SettingsContext';
import type { PoolVar } from './usePoolVar';

/** Pools seen in the last 7 days, as the dashboards' `label_values(shadowfleet_pool_info, pool)` lists them. */
const LOOKBACK_MS = 7 * 86_400_000;

/** The pool variable's picker (Grafana's variable bar look): All, then each pool from `shadowfleet_pool_info`. */
export function PoolPicker({ pool }: { pool: PoolVar }) {
  const { prometheusUid } = useSettings();
  const { result } = useFetched(() => promLabelValues(prometheusUid, 'pool', 'shadowfleet_pool_info', { fromMs: Date.now() - LOOKBACK_MS, toMs: Date.now() }), prometheusUid);
  const names = result?.kind === 'ok' ? result.data : [];
  // A pool in the URL that Prometheus does not (yet) list is still offered, so the page shows what the link asked for.
  const options = [{ label: 'All', value: ALL_POOLS }, ...[...new Set([...names, ...(pool.pool ? [pool.pool] : [])])].sort().map((n) => ({ label: n, value: n }))];
  return (
    <div data-testid="data-testid pool-picker" style={{ marginBottom: 8 }}>
      <InlineField label="pool" tooltip="Filters the page's queries by pool (URL var-pool, as in the provisioned dashboards)" error={result?.kind === 'error' ? result.message : undefined} invalid={result?.kind === 'error'}>
        <Combobox id="var-pool" width={24} options={options} value={pool.value} onChange={(o) => pool.set(o.value)} loading={!result} />
      </InlineField>
    </div>
  );
}
