import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { QUERIES } from '../queries';
import { PromChart } from '../components/common/PromChart';
import { PromTable } from '../components/common/PromTable';
import { Section } from '../components/common/Section';
import { testIds } from '../components/testIds';
import { ACTIVATIONS } from '../components/common/chartStyles';
import { PoolPicker } from '../components/common/PoolPicker';
import { usePoolVar } from '../components/common/usePoolVar';

/** The plan per template for the coming week, warming and activation history. */
function ShadowFleet() {
  const pool = usePoolVar();
  return (
    <PluginPage subTitle="Standby hosts per template that the weekly plan wants ready, and the history of warming and activations">
      <div data-testid={testIds.shadowFleet.container}>
        <PoolPicker pool={pool} />
        <Section title="Standby hosts the plan wants ready now, per template">
          <PromTable
            expr={QUERIES.shadowTarget}
            labels={[['template', 'Template']]}
            valueHeader="Standby hosts"
            unit="suffix: hosts"
            empty="No shadow fleet plan yet (the exporter needs a trend analysis first)."
            testId={testIds.shadowFleet.targets}
          />
        </Section>
        <Section title="Planned standby hosts per template (last 7 days of the plan)">
          <PromChart queries={[{ expr: QUERIES.shadowTarget, legend: '{{template}}' }]} seconds={7 * 86400} fieldConfig={{ defaults: { unit: 'suffix: hosts', min: 0, decimals: 0 } }} annotations={ACTIVATIONS} vars={pool.vars} />
        </Section>
        <Section title="Warming and activations (finished scaling actions per chart step)">
          <PromChart queries={[{ expr: QUERIES.actionsHistory, legend: '{{pool}} {{action}} {{outcome}}' }]} seconds={24 * 3600} vars={pool.vars} fieldConfig={{ defaults: { unit: 'suffix: actions', min: 0, decimals: 0, custom: { drawStyle: 'bars' } } }} />
        </Section>
      </div>
    </PluginPage>
  );
}

export default ShadowFleet;
