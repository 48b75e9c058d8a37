import React from 'react';
import { Alert } from '@grafana/ui';
import { callExporter } from '../../api/exporter';
import type { PriorityBody } from '../../api/types';
import { useFetched } from '../../api/useFetched';
import { FetchedView } from '../../components/common/FetchedView';
import { formatWhen } from '../../components/common/time';
import { testIds } from '../../components/testIds';

function classes(byClass: Record<string, number>): string {
  const parts = Object.entries(byClass)
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([c, n]) => `class ${c}: ${n}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** Where the profile priorities act: the exporter's HAProxy priority map, for the policy version in force. */
export function LoadBalancerStatus({ version }: { version: number | undefined }) {
  const { result } = useFetched(() => callExporter<PriorityBody>('/v1/priority'), String(version));
  return (
    <div data-testid={testIds.tuning.loadBalancer}>
      <FetchedView what="GET /v1/priority" result={result}>
        {(p) =>
          !p.enabled ? (
            <Alert severity="warning" title="Priorities do not reach the load balancer">
              {p.message}
            </Alert>
          ) : (
            <>
              <p>
                HAProxy priority map {p.mapFile}: {p.entries} users{classes(p.byClass)}, user read from the {p.userIdentity};
                {p.policyVersion === null ? ' not written yet.' : ` written for policy version ${p.policyVersion}, ${formatWhen(p.updatedAt)}.`}
                {version !== undefined && p.policyVersion !== null && p.policyVersion < version ? ' Updating to the version in force…' : ''}
              </p>
              {p.lastError ? (
                <Alert severity="error" title="The last map update failed">
                  {p.lastError}
                </Alert>
              ) : null}
            </>
          )
        }
      </FetchedView>
    </div>
  );
}
