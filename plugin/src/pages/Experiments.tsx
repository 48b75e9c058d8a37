import React from 'react';
import { Badge } from '@grafana/ui';
import { PluginPage } from '@grafana/runtime';
import { callExporter } from '../api/exporter';
import type { ExperimentsBody } from '../api/types';
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
          {(body) =>
            (body.experiments ?? []).length === 0 ? (
              <p>No experiments have been run yet.</p>
            ) : (
              body.experiments.map((e, i) => (
                <Section key={e.id ?? i} title={e.name ?? e.id ?? `Experiment ${i + 1}`}>
                  {e.verdict ? <Badge text={e.verdict} color="blue" /> : null}
                  <SimpleTable
                    empty="No metrics."
                    rows={e.metrics ?? []}
                    columns={[
                      { header: 'Metric', cell: (m) => m.metric },
                      { header: 'Control', cell: (m) => (m.control === undefined ? '' : fmt(m.control)) },
                      { header: 'Treatment', cell: (m) => (m.treatment === undefined ? '' : fmt(m.treatment)) },
                      { header: 'Difference [95 % CI]', cell: (m) => `${fmt(m.difference)} [${fmt(m.lower)}, ${fmt(m.upper)}]` },
                      { header: 'Significant', cell: (m) => (m.lower > 0 || m.upper < 0 ? 'yes' : 'no (interval contains 0)') },
                    ]}
                  />
                </Section>
              ))
            )
          }
        </FetchedView>
      </div>
    </PluginPage>
  );
}

export default Experiments;
