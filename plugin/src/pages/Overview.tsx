import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { QUERIES } from '../queries';
import { PromChart } from '../components/common/PromChart';
import { PromTable } from '../components/common/PromTable';
import { Section } from '../components/common/Section';
import { ACTIVATIONS, FORECAST_BAND, HOST_STEPS } from '../components/common/chartStyles';
import { testIds } from '../components/testIds';
import { PoolPicker } from '../components/common/PoolPicker';
import { usePoolVar } from '../components/common/usePoolVar';
import { Decisions } from './overview/Decisions';

const DAY = 86400;

/** Hosts per pool, recommendations per tier, forecast against what happened, latest decisions. */
function Overview() {
  const pool = usePoolVar();
  const vars = pool.vars;
  return (
    <PluginPage subTitle="Hosts per pool, what each tier recommends, the forecast against what happened, and why the allocator acted">
      <div data-testid={testIds.overview.container}>
        <PoolPicker pool={pool} />
        <Section title="Hosts per pool">
          <PromTable
            expr={QUERIES.poolUnits}
            labels={[
              ['pool', 'Pool'],
              ['state', 'State'],
            ]}
            valueHeader="Hosts (webhook, now)"
            unit="suffix: hosts"
            empty="The webhook has not reported any pool yet."
            testId={testIds.overview.pools}
            vars={vars}
          />
        </Section>
        <Section title="Desired vs serving vs standby hosts, last 24 h">
          <PromChart
            testId={testIds.overview.hosts}
            seconds={DAY}
            fieldConfig={HOST_STEPS}
            annotations={ACTIVATIONS}
            vars={vars}
            queries={[
              { expr: QUERIES.desiredByTier, legend: 'desired {{tier}}' },
              { expr: QUERIES.desiredStandby, legend: 'standby wanted' },
              { expr: QUERIES.servingHosts, legend: 'serving now' },
              { expr: QUERIES.standbyHosts, legend: 'standby now' },
            ]}
          />
        </Section>
        <Section title="Hosts each tier wants now">
          <PromTable
            expr={QUERIES.recommendedHosts}
            labels={[
              ['tier', 'Tier'],
              ['pool', 'Pool'],
            ]}
            valueHeader="Desired hosts (exporter)"
            unit="suffix: hosts"
            empty="No recommendations in Prometheus yet."
            testId={testIds.overview.recommendations}
            vars={vars}
          />
        </Section>
        <Section title="Forecast made 15 minutes earlier, with its interval, against actual requests, last 24 h">
          <PromChart
            testId={testIds.overview.forecastChart}
            seconds={DAY}
            fieldConfig={FORECAST_BAND}
            queries={[
              { expr: QUERIES.forecast15mShifted, legend: 'forecast {{bound}}', unit: 'reqps' },
              { expr: QUERIES.actualRequests, legend: 'actual', unit: 'reqps' },
            ]}
          />
        </Section>
        <Section title="Latest decisions">
          <Decisions pool={pool.pool} vars={vars} />
        </Section>
      </div>
    </PluginPage>
  );
}

export default Overview;
