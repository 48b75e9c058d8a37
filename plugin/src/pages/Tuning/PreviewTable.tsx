import React from 'react';
import { SimpleTable } from '../../components/common/SimpleTable';
import { testIds } from '../../components/testIds';
import type { PolicyPreview } from './policyTypes';

type MetricKey = 'cost_ratio' | 'cost_host_minutes' | 'unserved_pct' | 'tau_U' | 'tau_O' | 'theta_U' | 'theta_O';

const ROWS: Array<{ key: MetricKey; label: string; better: 'lower' }> = [
  { key: 'unserved_pct', label: 'Unserved requests (%)', better: 'lower' },
  { key: 'tau_U', label: 'Time under-provisioned τU (%)', better: 'lower' },
  { key: 'theta_U', label: 'Under-provisioning depth θU (%)', better: 'lower' },
  { key: 'tau_O', label: 'Time over-provisioned τO (%)', better: 'lower' },
  { key: 'cost_host_minutes', label: 'Cost (host-minutes)', better: 'lower' },
  { key: 'cost_ratio', label: 'Cost ÷ oracle cost', better: 'lower' },
];

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3));

/** The simulator's verdict on a proposed policy, beside the policy in force. */
export function PreviewTable({ preview }: { preview: PolicyPreview }) {
  return (
    <div data-testid={testIds.tuning.preview}>
      <p>
        Replayed {preview.trace.minutes} minutes of {preview.trace.file} ({preview.trace.capacity} requests per minute per host).
        {preview.notSimulated.length > 0 ? ` Not modelled by the simulator: ${preview.notSimulated.join(', ')}.` : ''}
      </p>
      <SimpleTable
        empty=""
        rows={ROWS}
        columns={[
          { header: 'Metric', cell: (r) => r.label },
          { header: 'In force', cell: (r) => fmt(preview.current[r.key]) },
          { header: 'Proposed', cell: (r) => fmt(preview.proposed[r.key]) },
          {
            header: 'Change',
            cell: (r) => {
              const d = preview.proposed[r.key] - preview.current[r.key];
              return d === 0 ? 'same' : `${d > 0 ? '+' : ''}${fmt(d)} (${d < 0 ? 'better' : 'worse'})`;
            },
          },
        ]}
      />
    </div>
  );
}
