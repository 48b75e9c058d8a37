import React from 'react';
import { SimpleTable, type Column } from '../../components/common/SimpleTable';
import { testIds } from '../../components/testIds';
import { showValue, type PolicyChange } from './policyState';

const COLUMNS: Array<Column<PolicyChange>> = [
  { header: 'Field', cell: (c) => <code>{c.field}</code> },
  { header: 'In force', cell: (c) => showValue(c.from) },
  { header: 'Your edit', cell: (c) => showValue(c.to) },
];

/** What the edit changes against the policy in force, field by field. */
export function EditDiff({ changes }: { changes: PolicyChange[] }) {
  return <SimpleTable testId={testIds.tuning.diff} empty="No change against the policy in force." rows={changes} columns={COLUMNS} />;
}
