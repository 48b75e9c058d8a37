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

/** Whether an interval of (treatment − control) excludes zero. */
export const significance = (lower: number, upper: number): string =>
  lower > 0 || upper < 0 ? 'yes (interval excludes 0)' : 'no (interval contains 0)';

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
            return list.map((e, i) => (
              <Section key={e.id ?? i} title={e.name ?? e.id ?? `Experiment ${i + 1}`}>
                <p>
                  Verdict: <Badge text={e.verdict ?? 'none given'} color="blue" />
                  {e.source ? ` (from ${e.source})` : ''}
                </p>
                <SimpleTable
                  empty="No metrics yet (an interval needs at least two segments)."
                  rows={e.metrics ?? []}
                  columns={[
                    { header: 'Metric', cell: (m) => `${m.metric}${m.unit ? ` (${m.unit})` : ''}` },
                    { header: 'Control', cell: (m) => (m.control === undefined ? '' : fmt(m.control)) },
                    { header: 'Treatment', cell: (m) => (m.treatment === undefined ? '' : fmt(m.treatment)) },
                    {
                      header: 'Treatment − control [95 % CI]',
                      cell: (m) => `${fmt(m.difference)} [${fmt(m.lower)}, ${fmt(m.upper)}]`,
                    },
                    { header: 'Significant', cell: (m) => significance(m.lower, m.upper) },
                  ]}
                />
              </Section>
            ));
          }}
        </FetchedView>
      </div>
    </PluginPage>
  );
}

export default Experiments;
