import React from 'react';
import { useSearchParams } from 'react-router-dom';
import { formattedValueToString, getValueFormat } from '@grafana/data';
import { RadioButtonGroup } from '@grafana/ui';
import { promInstant, sampleValue, type PromSeries, type Range } from '../../api/prometheus';
import { useFetched } from '../../api/useFetched';
import type { Fetched } from '../../api/exporter';
import { QUERIES } from '../../queries';
import { FetchedView } from '../../components/common/FetchedView';
import { PromChart } from '../../components/common/PromChart';
import { SimpleTable } from '../../components/common/SimpleTable';
import { useSettings } from '../../components/common/SettingsContext';
import { formatWhen } from '../../components/common/time';
import { testIds } from '../../components/testIds';
import { FORECAST_BAND } from '../../components/common/chartStyles';

/** The exporter's published forecast horizons (exporter/src/trend/plan-json.ts FORECAST_HORIZONS). */
export const HORIZONS = ['15m', '1h', '6h', '1d', '7d'] as const;

interface HorizonAccuracy {
  horizon: string;
  coverage?: number;
  error?: number;
  minutes?: number;
}

const first = (a: Fetched<PromSeries[]>): number | undefined =>
  a.kind === 'ok' && a.data.length > 0 ? sampleValue(a.data[0]!) : undefined;

async function loadAccuracy(uid: string, range: Range): Promise<Fetched<HorizonAccuracy[]>> {
  const rangeSeconds = (range.toMs - range.fromMs) / 1000;
  const rows: HorizonAccuracy[] = [];
  for (const horizon of HORIZONS) {
    const opts = { atMs: range.toMs, rangeSeconds, vars: { horizon } };
    const [coverage, error, minutes] = await Promise.all(
      [QUERIES.forecastCoverage, QUERIES.forecastError, QUERIES.forecastMinutesCompared].map((q) => promInstant(uid, q, opts))
    );
    const failed = [coverage, error, minutes].find((a) => a!.kind !== 'ok');
    if (failed) {
      return failed as Fetched<HorizonAccuracy[]>;
    }
    rows.push({ horizon, coverage: first(coverage!), error: first(error!), minutes: first(minutes!) });
  }
  return { kind: 'ok', data: rows };
}

const percent = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : formattedValueToString(getValueFormat('percentunit')(v, 1)));

/**
 * How good the forecast was: per horizon, the forecast made that long before each minute against the
 * requests that then arrived, over the page's time range — interval coverage (share of minutes inside
 * the prediction interval), mean absolute error of the point, and how many minutes were compared; and
 * a chart of one horizon's forecast band against the actual rate.
 */
export function Accuracy({ range }: { range: Range }) {
  const { prometheusUid } = useSettings();
  const [params, setParams] = useSearchParams();
  const horizon = (HORIZONS as readonly string[]).includes(params.get('horizon') ?? '') ? params.get('horizon')! : '15m';
  const key = `${prometheusUid}|${range.fromMs}|${range.toMs}`;
  const { result } = useFetched(() => loadAccuracy(prometheusUid, range), key);
  const setHorizon = (h: string) => {
    const next = new URLSearchParams(params);
    next.set('horizon', h);
    setParams(next);
  };
  return (
    <div data-testid={testIds.forecasts.accuracy}>
      <p>
        From {formatWhen(range.fromMs)} to {formatWhen(range.toMs)}: each minute&apos;s actual request rate against the forecast made one horizon
        earlier. Coverage is the share of minutes whose actual rate fell inside the forecast&apos;s prediction interval.
      </p>
      <FetchedView what="Prometheus: forecast accuracy per horizon" result={result}>
        {(rows) => (
          <SimpleTable
            testId={testIds.forecasts.accuracyTable}
            empty="No forecasts to compare yet."
            rows={rows}
            columns={[
              { header: 'Horizon', cell: (r) => r.horizon },
              { header: 'Interval coverage', cell: (r) => percent(r.coverage) },
              { header: 'Mean absolute error (point, % of actual)', cell: (r) => percent(r.error) },
              { header: 'Minutes compared', cell: (r) => (r.minutes === undefined ? 'none in this range' : `${Math.round(r.minutes)} min`) },
            ]}
          />
        )}
      </FetchedView>
      <RadioButtonGroup
        aria-label="Horizon"
        options={HORIZONS.map((h) => ({ label: h, value: h, description: `the forecast made ${h} earlier` }))}
        value={horizon}
        onChange={setHorizon}
      />
      <PromChart
        testId={testIds.forecasts.accuracyChart}
        range={range}
        vars={{ horizon }}
        fieldConfig={FORECAST_BAND}
        queries={[
          { expr: QUERIES.forecastShiftedByHorizon, legend: 'forecast {{bound}}', unit: 'reqps' },
          { expr: QUERIES.actualRequests, legend: 'actual', unit: 'reqps' },
        ]}
      />
    </div>
  );
}
