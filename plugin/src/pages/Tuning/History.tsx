import React from 'react';
import { Button } from '@grafana/ui';
import { SimpleTable, type Column } from '../../components/common/SimpleTable';
import { formatWhen } from '../../components/common/time';
import { testIds } from '../../components/testIds';
import { showValue, type PolicyVersion } from './policyState';

interface Props {
  history: PolicyVersion[] | undefined;
  current: number | undefined;
  canWrite: boolean;
  busy: boolean;
  onRollback: (version: number) => void;
}

const changeText = (v: PolicyVersion) =>
  v.changes.length === 0 ? 'no field changed' : v.changes.map((c) => `${c.field}: ${showValue(c.from)} → ${showValue(c.to)}`).join('; ');

/** The history's columns: version, when, who, source, what changed, and a rollback button for older versions. */
function columns({ current, canWrite, busy, onRollback }: Omit<Props, 'history'>): Array<Column<PolicyVersion>> {
  const rollback = (v: PolicyVersion) =>
    v.version === current ? null : (
      <Button size="sm" variant="secondary" icon="history" disabled={!canWrite || busy} onClick={() => onRollback(v.version)}>
        Roll back to v{v.version}
      </Button>
    );
  return [
    { header: 'Version', cell: (v) => (v.version === current ? `v${v.version} (in force)` : `v${v.version}`) },
    { header: 'When', cell: (v) => formatWhen(v.at) },
    { header: 'By', cell: (v) => v.by || 'unknown (Grafana sent no user)' },
    { header: 'Source', cell: (v) => v.source ?? '—' },
    { header: 'Changes', cell: changeText },
    { header: '', cell: rollback },
  ];
}

/** Every version of the policy, newest first, with who changed what and when; one click rolls back. */
export function History({ history, ...rest }: Props) {
  if (!history) {
    return <p>This exporter does not report the policy history.</p>;
  }
  return <SimpleTable testId={testIds.tuning.history} empty="No version saved yet: the policy in force is the default or the policy file." rows={history} columns={columns(rest)} />;
}
