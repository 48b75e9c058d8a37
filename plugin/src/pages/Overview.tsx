import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { QUERIES } from '../queries';
import { PromChart } from '../components/common/PromChart';
import { PromTable } from '../components/common/PromTable';
import { Section } from '../components/common/Section';
import { testIds } from '../components/testIds';
import { Decisions } from './overview/Decisions';

const DAY = 86400;
/** The forecast interval drawn as a band: the upper bound filled down to the lower one. */
const BAND = {
  defaults: { unit: 'reqps', min: 0, custom: { fillOpacity: 0 } },
  overrides: [
    { matcher: { id: 'byName', options: 'forecast upper' }, properties: [{ id: 'custom.fillBelowTo', value: 'forecast lower' }, { id: 'custom.lineWidth', value: 0 }, { id: 'custom.fillOpacity', value: 25 }] },
    { matcher: { id: 'byName', options: 'forecast lower' }, properties: [{ id: 'custom.lineWidth', value: 0 }, { id: 'custom.fillOpacity', value: 0 }] },
    { matcher: { id: 'byName', options: 'actual' }, properties: [{ id: 'custom.lineWidth', value: 2 }, { id: 'custom.fillOpacity', value: 0 }] },
  ],
};
const HOSTS = {
  defaults: { unit: 'short', min: 0, decimals: 0, custom: { drawStyle: 'line', lineInterpolation: 'stepAfter', fillOpacity: 0 } },
  overrides: [{ matcher: { id: 'byRegexp', options: '^(serving|standby) now$' }, properties: [{ id: 'custom.lineWidth', value: 2 }] }],
};

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
            valueHeader="Hosts (webhook, now)"
            unit="short"
            empty="The webhook has not reported any pool yet."
            testId={testIds.overview.pools}
          />
        </Section>
        <Section title="Desired vs serving vs standby hosts, last 24 h">
          <PromChart
            testId={testIds.overview.hosts}
            seconds={DAY}
            fieldConfig={HOSTS}
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
            unit="short"
            empty="No recommendations in Prometheus yet."
            testId={testIds.overview.recommendations}
          />
        </Section>
        <Section title="Forecast made 15 minutes earlier, with its interval, against actual requests, last 24 h">
          <PromChart
            testId={testIds.overview.forecastChart}
            seconds={DAY}
            fieldConfig={BAND}
            queries={[
              { expr: QUERIES.forecast15mShifted, legend: 'forecast {{bound}}', unit: 'reqps' },
              { expr: QUERIES.actualRequests, legend: 'actual', unit: 'reqps' },
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
