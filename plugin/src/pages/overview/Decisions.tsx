import React from 'react';
import { Alert } from '@grafana/ui';
import { callExporter } from '../../api/exporter';
import type { DecisionsBody } from '../../api/types';
import { useFetched } from '../../api/useFetched';
import { FetchedView } from '../../components/common/FetchedView';
import { SimpleTable } from '../../components/common/SimpleTable';
import { formatWhen } from '../../components/common/time';
import { testIds } from '../../components/testIds';
import { staleSince, whyWithNumbers } from './decisionText';

const isDryRun = (mode?: string) => mode === 'dry-run' || mode === 'forecast-only';

/** The resource manager's latest decisions with their numbers, labelled when dry-run or stale. */
export function Decisions() {
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
            <SimpleTable
              testId={testIds.overview.decisions}
              empty="No decisions recorded yet."
              rows={(body.decisions ?? []).slice(0, 20)}
              columns={[
                { header: 'When', cell: (d) => formatWhen(d.at) },
                { header: 'Pool', cell: (d) => d.pool ?? '' },
                { header: 'Policy', cell: (d) => (d.policy_version !== undefined ? `v${d.policy_version}` : '—') },
                { header: 'Why, with numbers', cell: whyWithNumbers },
              ]}
            />
          </>
        );
      }}
    </FetchedView>
  );
}
