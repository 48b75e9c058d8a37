import React from 'react';
import { Badge } from '@grafana/ui';
import { PluginPage } from '@grafana/runtime';
import { callExporter } from '../api/exporter';
import type { ExperimentsBody } from '../api/types';
import { metricVerdict, overallVerdict } from '../api/verdict';
import { useFetched } from '../api/useFetched';
import { FetchedView } from '../components/common/FetchedView';
import { Section } from '../components/common/Section';
import { SimpleTable } from '../components/common/SimpleTable';
import { testIds } from '../components/testIds';

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3));

/** A/B results with confidence intervals and a verdict. */
function Experiments() {
  const { result } = useFetched(() => callExporter<ExperimentsBody>('/v1/experiments'));
  return (
    <PluginPage subTitle="A/B experiments between allocation strategies: each metric's difference with its confidence interval, and the verdict">
      <div data-testid={testIds.experiments.container}>
        <FetchedView what="GET /v1/experiments" result={result}>
          {(body) => {
            const list = body.experiments ?? [];
            if (list.length === 0) {
              return <p>No experiments have been run yet.</p>;
            }
            return list.map((e, i) => {
              const results = e.results ?? [];
              return (
                <Section key={e.id ?? i} title={e.name ?? e.id ?? `Experiment ${i + 1}`}>
                  <Badge text={e.verdict ?? overallVerdict(results)} color="blue" />
                  <SimpleTable
                    empty="No metrics."
                    rows={results}
                    columns={[
                      { header: 'Metric (lower is better)', cell: (m) => m.metric },
                      { header: 'A', cell: (m) => `${m.a}: ${fmt(m.mean_a)}` },
                      { header: 'B', cell: (m) => `${m.b}: ${fmt(m.mean_b)}` },
                      { header: 'B − A [interval]', cell: (m) => `${fmt(m.mean_difference)} [${fmt(m.ci_low)}, ${fmt(m.ci_high)}] at ${Math.round(m.level * 100)} %` },
                      { header: 'Segments', cell: (m) => m.segments },
                      { header: 'Verdict', cell: (m) => metricVerdict(m) },
                    ]}
                  />
                </Section>
              );
            });
          }}
        </FetchedView>
      </div>
    </PluginPage>
  );
}

export default Experiments;
