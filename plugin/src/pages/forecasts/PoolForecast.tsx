import React from 'react';
import { grafanaRateUnitOf, useComplexityUnit } from '../../api/complexityUnit';
import type { Range } from '../../api/prometheus';
import { QUERIES } from '../../queries';
import { PromChart, type ChartQuery } from '../../components/common/PromChart';
import type { PoolVar } from '../../components/common/usePoolVar';
import { testIds } from '../../components/testIds';

const QUERIES_PER_POOL: ChartQuery[] = [
  { expr: QUERIES.poolForecastSizedFor, legend: '{{pool}} {{kind}}' },
  { expr: QUERIES.poolLoadObserved, legend: '{{pool}} load' },
];

/**
 * The one forecast published per pool: what the resource manager's tier 2 sized each pool for at its latest
 * decision (the quantile it sized for, the volume point forecast, the behaviour-aware one) against the load
 * the pool's manager observed, per second in the pool model's unit, filtered by the page's pool picker.
 */
export function PoolForecast({ pool, range }: { pool: PoolVar; range: Range }) {
  const unit = useComplexityUnit();
  return (
    <>
      <p>
        Per decision step, in {unit ?? 'the pool model’s unit'} per second: <em>quantile</em> is what tier 2 sized the pool for, <em>point</em> and{' '}
        <em>behaviour</em> the forecasts it came from, <em>load</em> what the pool’s manager observed. Each pool’s manager forecasts the
        load of the events the pool serves (its <code>serves</code> in the pool model; with one pool, the site’s load); the sections below
        are the site’s forecast and do not follow the pool picker.
      </p>
      <PromChart queries={QUERIES_PER_POOL} range={range} vars={pool.vars} testId={testIds.forecasts.poolForecast} fieldConfig={{ defaults: { unit: grafanaRateUnitOf(unit), min: 0 } }} />
    </>
  );
}
