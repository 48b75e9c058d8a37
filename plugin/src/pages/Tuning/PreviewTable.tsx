import React from 'react';
import { SimpleTable } from '../../components/common/SimpleTable';
import { testIds } from '../../components/testIds';
import type { PolicyPreview } from './policyTypes';
import { PREVIEW_METRICS } from './previewVerdict';

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3));

/** The simulator's verdict on a proposed policy, beside the policy in force. */
export function PreviewTable({ preview }: { preview: PolicyPreview }) {
  return (
    <div data-testid={testIds.tuning.preview}>
      <p>
        Replayed {preview.trace.steps} steps of {preview.trace.source} ({preview.trace.capacity} per host per step).
        {` Each decision reaches the pool ${preview.actuationDelay.steps.toFixed(3)} step (${preview.actuationDelay.seconds.toFixed(1)} s) later, as on the path that acts (${preview.actuationDelay.source}).`}
        {preview.notSimulated.length > 0
          ? ` Not modelled by the simulator: ${preview.notSimulated.map((f) => (preview.notSimulatedReasons[f] ? `${f} (${preview.notSimulatedReasons[f]})` : f)).join('; ')}.`
          : ''}
      </p>
      <SimpleTable
        empty=""
        rows={[...PREVIEW_METRICS]}
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
