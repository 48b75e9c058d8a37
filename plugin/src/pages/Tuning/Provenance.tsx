import React from 'react';
import { SimpleTable, type Column } from '../../components/common/SimpleTable';
import { testIds } from '../../components/testIds';
import { SOURCE_TEXT, flatten, showValue, type FieldSource, type PolicyState } from './policyState';

interface Row {
  field: string;
  value: unknown;
  source?: FieldSource;
}

const COLUMNS: Array<Column<Row>> = [
  { header: 'Field', cell: (r) => <code>{r.field}</code> },
  { header: 'In force', cell: (r) => showValue(r.value) },
  { header: 'From', cell: (r) => (r.source ? SOURCE_TEXT[r.source] : 'not reported by this exporter') },
];

/** Every field of the policy in force, its value, and where that value came from. */
export function Provenance({ state }: { state: PolicyState }) {
  const rows = Object.entries(flatten(state.policy)).map(([field, value]) => ({ field, value, source: state.sources?.[field] }));
  return <SimpleTable testId={testIds.tuning.provenance} empty="The policy has no fields." rows={rows} columns={COLUMNS} />;
}
