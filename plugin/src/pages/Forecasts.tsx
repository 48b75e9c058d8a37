import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { callExporter } from '../api/exporter';
import { promInstant, sampleValue } from '../api/prometheus';
import type { ComplexityBody } from '../api/types';
import { useFetched } from '../api/useFetched';
import { QUERIES } from '../queries';
import { FetchedView } from '../components/common/FetchedView';
import { PromChart } from '../components/common/PromChart';
import { PromTable } from '../components/common/PromTable';
import { Section } from '../components/common/Section';
import { SimpleTable } from '../components/common/SimpleTable';
import { useSettings } from '../components/common/SettingsContext';
import { testIds } from '../components/testIds';

function NextPeak() {
  const { prometheusUid } = useSettings();
  const { result } = useFetched(() => promInstant(prometheusUid, QUERIES.nextPeakMs), prometheusUid);
  return (
    <FetchedView what={`Prometheus: ${QUERIES.nextPeakMs}`} result={result}>
      {(series) => (
        <p data-testid={testIds.forecasts.nextPeak}>
          {series.length === 0 || !(sampleValue(series[0]!) > 0)
            ? 'No peak forecast yet.'
            : `Next predicted peak starts ${new Date(sampleValue(series[0]!)).toISOString().replace('.000Z', 'Z')}.`}
        </p>
      )}
    </FetchedView>
  );
}

function ComplexityModel() {
  const { result } = useFetched(() => callExporter<ComplexityBody>('/v1/complexity'));
  return (
    <FetchedView what="GET /v1/complexity" result={result}>
      {(body) => (
        <>
          <p>
            Model version {body.model?.version ?? 'unknown'}
            {body.model?.trainedAt ? `, trained ${body.model.trainedAt}` : ''}.
          </p>
          <SimpleTable
            empty="The model reports no accuracy figures."
            rows={Object.entries(body.model?.accuracy ?? {})}
            columns={[
              { header: 'Measure', cell: ([k]) => k },
              { header: 'Value', cell: ([, v]) => v.toFixed(3) },
            ]}
          />
        </>
      )}
    </FetchedView>
  );
}

/** Complexity load per horizon, model accuracy and version, the next predicted peak. */
function Forecasts() {
  return (
    <PluginPage subTitle="Complexity load per horizon, the forecast model's accuracy and version, and the next predicted peak">
      <div data-testid={testIds.forecasts.container}>
        <Section title="Next predicted peak">
          <NextPeak />
        </Section>
        <Section title="Forecast request rate per horizon (point and prediction interval)">
          <PromTable
            expr={QUERIES.forecastByHorizon}
            labels={[['horizon', 'Horizon'], ['bound', 'Bound']]}
            valueHeader="Requests per second"
            empty="No forecast in Prometheus yet."
            testId={testIds.forecasts.horizons}
          />
        </Section>
        <Section title="Predicted complexity load per horizon">
          <PromChart queries={[{ expr: QUERIES.complexityByHorizon, legend: '{{horizon}}' }]} seconds={6 * 3600} />
        </Section>
        <Section title="Complexity model">
          <ComplexityModel />
        </Section>
      </div>
    </PluginPage>
  );
}

export default Forecasts;
