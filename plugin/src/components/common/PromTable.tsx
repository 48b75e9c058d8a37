import React from 'react';
import { formattedValueToString, getValueFormat } from '@grafana/data';
import { promInstant, sampleValue, type PromSeries, type QueryVars } from '../../api/prometheus';
import { pluralised } from '../../api/plural';
import { labelText } from '../../api/tiers';
import { useFetched } from '../../api/useFetched';
import { FetchedView } from './FetchedView';
import { useSettings } from './SettingsContext';
import { SimpleTable, type Column } from './SimpleTable';

/** What one table shows: its query, label columns, value column and unit, and what an empty answer means. */
export type PromTableSpec = Omit<Props, 'vars' | 'format'>;

interface Props {
  expr: string;
  /** Label columns, in order: [label name, column header]. */
  labels: Array<[string, string]>;
  valueHeader: string;
  /** Grafana unit id of the value ("short", "reqps", "s"…); the value is shown with it. */
  unit?: string;
  format?: (v: number) => string;
  empty: string;
  testId?: string;
  /** Values for `$name` variables in the query (e.g. `$pool`). */
  vars?: QueryVars;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
const withUnit = (unit: string) => (v: number) => formattedValueToString(pluralised(getValueFormat(unit)(v), v));

/** The current value of a PromQL expression, one row per series. */
export function PromTable({ expr, labels, valueHeader, unit, format = unit ? withUnit(unit) : fmt, empty, testId, vars }: Props) {
  const { prometheusUid } = useSettings();
  const { result } = useFetched(() => promInstant(prometheusUid, expr, { vars }), JSON.stringify([prometheusUid, expr, vars]));
  const columns: Array<Column<PromSeries>> = [
    ...labels.map(([name, header]) => ({ header, cell: (s: PromSeries) => labelText(name, s.metric[name]) })),
    { header: valueHeader, cell: (s: PromSeries) => format(sampleValue(s)) },
  ];
  return (
    <FetchedView what={`Prometheus: ${expr}`} result={result}>
      {(series) => (
        <SimpleTable
          columns={columns}
          rows={[...series].sort((a, b) => JSON.stringify(a.metric).localeCompare(JSON.stringify(b.metric)))}
          empty={empty}
          testId={testId}
        />
      )}
    </FetchedView>
  );
}
