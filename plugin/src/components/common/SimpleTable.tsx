import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

export interface Column<R> {
  header: string;
  cell: (row: R) => React.ReactNode;
}

/** A plain, readable table (what an SRE scans; no sorting or paging needed at these sizes). */
export function SimpleTable<R>({ columns, rows, testId, empty }: { columns: Array<Column<R>>; rows: R[]; testId?: string; empty: string }) {
  const s = useStyles2(getStyles);
  if (rows.length === 0) {
    return <p data-testid={testId}>{empty}</p>;
  }
  return (
    <table className={s.table} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header}>{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c.header}>{c.cell(r)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css`
    border-collapse: collapse;
    width: 100%;
    th,
    td {
      padding: ${theme.spacing(0.5, 1)};
      border-bottom: 1px solid ${theme.colors.border.weak};
      text-align: left;
      vertical-align: top;
    }
    th {
      color: ${theme.colors.text.secondary};
      font-weight: ${theme.typography.fontWeightMedium};
    }
  `,
});
