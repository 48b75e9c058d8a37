import React from 'react';
import { QUERIES } from '../queries';
import { PromChart, type ChartQuery } from '../components/common/PromChart';
import { PromTable, type PromTableSpec } from '../components/common/PromTable';
import { SectionsPage, type PageSection } from '../components/common/SectionsPage';
import { ACTIVATIONS, FORECAST_BAND, HOST_STEPS } from '../components/common/chartStyles';
import { testIds } from '../components/testIds';
import { PoolPicker } from '../components/common/PoolPicker';
import { usePoolVar } from '../components/common/usePoolVar';
import { Decisions } from './overview/Decisions';

const DAY = 86400;

const POOL_UNITS: PromTableSpec = { expr: QUERIES.poolUnits, labels: [['pool', 'Pool'], ['state', 'State']], valueHeader: 'Hosts (webhook, now)', unit: 'suffix: hosts', empty: 'The webhook has not reported any pool yet.', testId: testIds.overview.pools };
const TIER_WANTS: PromTableSpec = { expr: QUERIES.recommendedHosts, labels: [['tier', 'Tier'], ['pool', 'Pool']], valueHeader: 'Desired hosts (exporter)', unit: 'suffix: hosts', empty: 'No recommendations in Prometheus yet.', testId: testIds.overview.recommendations };
const HOSTS_OVER_TIME: ChartQuery[] = [
  { expr: QUERIES.desiredByTier, legend: 'desired {{tier}}' },
  { expr: QUERIES.desiredStandby, legend: 'standby wanted' },
  { expr: QUERIES.servingHosts, legend: 'serving now' },
  { expr: QUERIES.standbyHosts, legend: 'standby now' },
];
const FORECAST_VS_ACTUAL: ChartQuery[] = [
  { expr: QUERIES.forecast15mShifted, legend: 'forecast {{bound}}', unit: 'reqps' },
  { expr: QUERIES.actualRequests, legend: 'actual', unit: 'reqps' },
];

/** Hosts per pool, recommendations per tier, forecast against what happened, latest decisions. */
function Overview() {
  const pool = usePoolVar();
  const vars = pool.vars;
  const sections: PageSection[] = [
    { title: 'Hosts per pool', body: <PromTable {...POOL_UNITS} vars={vars} /> },
    { title: 'Desired vs serving vs standby hosts, last 24 h', body: <PromChart testId={testIds.overview.hosts} seconds={DAY} fieldConfig={HOST_STEPS} annotations={ACTIVATIONS} vars={vars} queries={HOSTS_OVER_TIME} /> },
    { title: 'Hosts each tier wants now', body: <PromTable {...TIER_WANTS} vars={vars} /> },
    { title: 'Forecast made 15 minutes earlier, with its interval, against actual requests, last 24 h', body: <PromChart testId={testIds.overview.forecastChart} seconds={DAY} fieldConfig={FORECAST_BAND} queries={FORECAST_VS_ACTUAL} /> },
    { title: 'Latest decisions', body: <Decisions pool={pool.pool} vars={vars} /> },
  ];
  return <SectionsPage subTitle="Hosts per pool, what each tier recommends, the forecast against what happened, and why the allocator acted" testId={testIds.overview.container} controls={<PoolPicker pool={pool} />} sections={sections} />;
}

export default Overview;
