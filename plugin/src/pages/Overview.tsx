import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { callExporter } from '../api/exporter';
import type { DecisionsBody } from '../api/types';
import { useFetched } from '../api/useFetched';
import { QUERIES } from '../queries';
import { FetchedView } from '../components/common/FetchedView';
import { PromChart } from '../components/common/PromChart';
import { PromTable } from '../components/common/PromTable';
import { Section } from '../components/common/Section';
import { SimpleTable } from '../components/common/SimpleTable';
import { testIds } from '../components/testIds';

function Decisions() {
  const { result } = useFetched(() => callExporter<DecisionsBody>('/v1/decisions'));
  return (
    <FetchedView what="GET /v1/decisions" result={result}>
      {(body) => (
        <>
          {body.message ? <p>{body.message}</p> : null}
          {body.fleet ? (
            <p data-testid={testIds.overview.dryRun}>
              {body.mode === 'dry-run' ? 'Dry run (forecast only, nothing real is changed): ' : ''}
              the allocator’s fleet has {body.fleet.serving} serving, {body.fleet.booting} booting, {body.fleet.standby}{' '}
              standby and {body.fleet.activating} activating hosts.
            </p>
          ) : null}
          <SimpleTable
            testId={testIds.overview.decisions}
            empty="No decisions recorded yet."
            rows={(body.decisions ?? []).slice(0, 20)}
            columns={[
              { header: 'When', cell: (d) => d.at },
              { header: 'Tier', cell: (d) => d.tier ?? '' },
              { header: 'Pool', cell: (d) => d.pool ?? '' },
              { header: 'Action', cell: (d) => `${d.action ?? ''}${d.hosts !== undefined ? ` → ${d.hosts}` : ''}` },
              { header: 'Why', cell: (d) => d.explanation ?? d.reason ?? '' },
            ]}
          />
        </>
      )}
    </FetchedView>
  );
}

/** Hosts per pool, recommendations per tier, forecast against what happened, latest decisions. */
function Overview() {
  return (
    <PluginPage subTitle="Hosts per pool, what each tier recommends, the forecast against what happened, and why the allocator acted">
      <div data-testid={testIds.overview.container}>
        <Section title="Hosts per pool">
          <PromTable
            expr={QUERIES.poolUnits}
            labels={[
              ['pool', 'Pool'],
              ['state', 'State'],
            ]}
            valueHeader="Hosts"
            empty="The webhook has not reported any pool yet."
            testId={testIds.overview.pools}
          />
        </Section>
        <Section title="Recommendations per tier">
          <PromTable
            expr={QUERIES.recommendedHosts}
            labels={[
              ['tier', 'Tier'],
              ['pool', 'Pool'],
            ]}
            valueHeader="Recommended hosts"
            empty="No recommendations in Prometheus yet."
            testId={testIds.overview.recommendations}
          />
        </Section>
        <Section title="Forecast (15 minutes ahead) against actual requests per second">
          <PromChart
            testId={testIds.overview.forecastChart}
            queries={[
              { expr: QUERIES.forecast15mShifted, legend: 'forecast {{bound}}' },
              { expr: QUERIES.actualRequests, legend: 'actual' },
            ]}
          />
        </Section>
        <Section title="Latest decisions">
          <Decisions />
        </Section>
      </div>
    </PluginPage>
  );
}

export default Overview;
