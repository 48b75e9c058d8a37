import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

/** A titled block of a page. */
export function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  const s = useStyles2(getStyles);
  return (
    <section className={s.section} data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css`
    margin-bottom: ${theme.spacing(4)};
  `,
});
