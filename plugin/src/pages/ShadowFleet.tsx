import React from 'react';
import { QUERIES } from '../queries';
import { PromChart, type ChartQuery } from '../components/common/PromChart';
import { PromTable, type PromTableSpec } from '../components/common/PromTable';
import { SectionsPage, type PageSection } from '../components/common/SectionsPage';
import { testIds } from '../components/testIds';
import { ACTIVATIONS } from '../components/common/chartStyles';
import { PoolPicker } from '../components/common/PoolPicker';
import { usePoolVar } from '../components/common/usePoolVar';

const STANDBY_TARGETS: PromTableSpec = { expr: QUERIES.shadowTarget, labels: [['template', 'Template']], valueHeader: 'Standby hosts', unit: 'suffix: hosts', empty: 'No shadow fleet plan yet (the exporter needs a trend analysis first).', testId: testIds.shadowFleet.targets };
const PLAN: ChartQuery[] = [{ expr: QUERIES.shadowTarget, legend: '{{template}}' }];
const ACTIONS: ChartQuery[] = [{ expr: QUERIES.actionsHistory, legend: '{{pool}} {{action}} {{outcome}}' }];

/** The plan per template for the coming week, warming and activation history. */
function ShadowFleet() {
  const pool = usePoolVar();
  const sections: PageSection[] = [
    { title: 'Standby hosts the plan wants ready now, per template', body: <PromTable {...STANDBY_TARGETS} /> },
    { title: 'Planned standby hosts per template (last 7 days of the plan)', body: <PromChart queries={PLAN} seconds={7 * 86400} fieldConfig={{ defaults: { unit: 'suffix: hosts', min: 0, decimals: 0 } }} annotations={ACTIVATIONS} vars={pool.vars} /> },
    { title: 'Warming and activations (finished scaling actions per chart step)', body: <PromChart queries={ACTIONS} seconds={24 * 3600} vars={pool.vars} fieldConfig={{ defaults: { unit: 'suffix: actions', min: 0, decimals: 0, custom: { drawStyle: 'bars' } } }} /> },
  ];
  return <SectionsPage subTitle="Standby hosts per template that the weekly plan wants ready, and the history of warming and activations" testId={testIds.shadowFleet.container} controls={<PoolPicker pool={pool} />} sections={sections} />;
}

export default ShadowFleet;
