import React from 'react';
import { formattedValueToString, getValueFormat } from '@grafana/data';
import { grafanaUnitOf, useComplexityUnit } from '../api/complexityUnit';
import { callExporter } from '../api/exporter';
import { promInstant, sampleValue } from '../api/prometheus';
import type { ComplexityBody, ComplexityLoadBody } from '../api/types';
import { useFetched } from '../api/useFetched';
import { QUERIES } from '../queries';
import { FetchedView } from '../components/common/FetchedView';
import { PromChart } from '../components/common/PromChart';
import { PromTable, type PromTableSpec } from '../components/common/PromTable';
import { formatWhen } from '../components/common/time';
import { SectionsPage, type PageSection } from '../components/common/SectionsPage';
import { SimpleTable } from '../components/common/SimpleTable';
import { useSettings } from '../components/common/SettingsContext';
import { testIds } from '../components/testIds';
import { RangePicker } from '../components/common/RangePicker';
import { useUrlRange } from '../components/common/useUrlRange';
import { Accuracy } from './forecasts/Accuracy';
import { PoolForecast } from './forecasts/PoolForecast';
import { PoolPicker } from '../components/common/PoolPicker';
import { usePoolVar } from '../components/common/usePoolVar';

function NextPeak() {
  const { prometheusUid } = useSettings();
  const { result } = useFetched(() => promInstant(prometheusUid, QUERIES.nextPeakMs), prometheusUid);
  return (
    <FetchedView what={`Prometheus: ${QUERIES.nextPeakMs}`} result={result}>
      {(series) => (
        <p data-testid={testIds.forecasts.nextPeak}>
          {series.length === 0 || !(sampleValue(series[0]!) > 0)
            ? 'No peak forecast yet.'
            : `Next predicted peak starts ${formatWhen(sampleValue(series[0]!))}.`}
        </p>
      )}
    </FetchedView>
  );
}

/** A value in a Grafana unit ("kbytes", "suffix: sessions"…), as panels show it. */
const inUnit = (unit: string) => (v: number) => formattedValueToString(getValueFormat(unit)(v, v >= 100 ? 0 : 2));

function ComplexityModel() {
  const load = inUnit(grafanaUnitOf(useComplexityUnit()));
  const { result } = useFetched(() => callExporter<ComplexityLoadBody>('/v1/forecast/complexity-load'));
  return (
    <FetchedView what="GET /v1/forecast/complexity-load" result={result}>
      {(body) => (
        <>
          <p data-testid={testIds.forecasts.model}>
            Next-action model {body.model}; live top-1 accuracy{' '}
            {body.liveTop1 === null ? 'not measured yet' : `${(body.liveTop1 * 100).toFixed(1)} %`}; forecast computed{' '}
            {formatWhen(body.at)}.
          </p>
          <SimpleTable
            empty="No forecast yet."
            rows={body.forecasts ?? []}
            columns={[
              { header: 'Horizon', cell: (f) => `${f.horizonMinutes} min` },
              { header: 'Complexity load in the horizon', cell: (f) => load(f.complexity) },
              { header: 'Requests in the horizon', cell: (f) => inUnit('suffix: requests')(f.requests) },
              { header: 'Active sessions', cell: (f) => inUnit('suffix: sessions')(f.activeSessions) },
              { header: 'New sessions', cell: (f) => inUnit('suffix: sessions')(f.newSessions) },
            ]}
          />
        </>
      )}
    </FetchedView>
  );
}

function ActionCosts() {
  const { result } = useFetched(() => callExporter<ComplexityBody>('/v1/complexity'));
  return (
    <FetchedView what="GET /v1/complexity" result={result}>
      {(body) => {
        const cost = inUnit(grafanaUnitOf(body.unit));
        return (
          <>
            <p>
              Costliest actions, in {body.unit} (basis: {body.basis}; {body.events} events).
            </p>
            <SimpleTable
              empty="No actions scored yet."
              rows={[...(body.actions ?? [])].sort((a, b) => b.units - a.units).slice(0, 10)}
              columns={[
                { header: 'Action', cell: (a) => `${a.action}${a.dataType ? ` (${a.dataType})` : ''}` },
                { header: 'Cost (median × (1 + error rate))', cell: (a) => cost(a.units) },
                { header: 'p90', cell: (a) => (a.p90 === null || a.p90 === undefined ? '' : cost(a.p90)) },
                { header: 'Samples', cell: (a) => inUnit('suffix: events')(a.samples) },
              ]}
            />
          </>
        );
      }}
    </FetchedView>
  );
}

/** Predicted complexity load per horizon, on an axis in the pool model's complexity unit. */
function ComplexityChart() {
  const unit = useComplexityUnit();
  return (
    <>
      <p data-testid={testIds.forecasts.complexityUnit}>
        Complexity load in {unit ?? 'the pool model’s unit (not reported yet)'} expected within each horizon.
      </p>
      <PromChart
        queries={[{ expr: QUERIES.complexityByHorizon, legend: '{{horizon}}' }]}
        seconds={6 * 3600}
        fieldConfig={{ defaults: { unit: grafanaUnitOf(unit), min: 0 } }}
      />
    </>
  );
}

const BY_HORIZON: PromTableSpec = { expr: QUERIES.forecastByHorizon, labels: [['horizon', 'Horizon'], ['bound', 'Bound']], valueHeader: 'Request rate', unit: 'reqps', empty: 'No forecast in Prometheus yet.', testId: testIds.forecasts.horizons };

/** Per pool what the manager sized for; the site's forecast: accuracy, complexity load per horizon, model, next peak. */
function Forecasts() {
  const url = useUrlRange('now-24h');
  const pool = usePoolVar();
  const sections: PageSection[] = [
    { title: 'Per pool: what the resource manager sized for vs the load it observed', body: <PoolForecast pool={pool} range={url.range} /> },
    { title: 'Forecast accuracy: forecast vs what arrived, per horizon', body: <Accuracy range={url.range} /> },
    { title: 'Next predicted peak', body: <NextPeak /> },
    { title: 'Forecast request rate per horizon (point and prediction interval)', body: <PromTable {...BY_HORIZON} /> },
    { title: 'Predicted complexity load per horizon', body: <ComplexityChart /> },
    { title: 'Complexity load forecast and model', body: <ComplexityModel /> },
    { title: 'What actions cost', body: <ActionCosts /> },
  ];
  const controls = (
    <>
      <PoolPicker pool={pool} />
      <RangePicker url={url} />
    </>
  );
  return <SectionsPage subTitle="What each pool was sized for against its load; how accurate the site's forecast was per horizon, complexity load per horizon, the forecast model's accuracy and version, and the next predicted peak" testId={testIds.forecasts.container} controls={controls} sections={sections} />;
}

export default Forecasts;
