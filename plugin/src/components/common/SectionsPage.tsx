import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { Section } from './Section';

/** One titled block of a page: its title and what it shows. */
export interface PageSection {
  title: string;
  body: React.ReactNode;
}

interface Props {
  subTitle: string;
  testId: string;
  /** Page controls above the blocks (time range, pool picker). */
  controls?: React.ReactNode;
  sections: PageSection[];
}

/** An app page as Grafana shows one (PluginPage), its controls, then its titled blocks in order, one line a block. */
export function SectionsPage({ subTitle, testId, controls, sections }: Props) {
  return (
    <PluginPage subTitle={subTitle}>
      <div data-testid={testId}>
        {controls}
        {sections.map((s) => (
          <Section key={s.title} title={s.title}>
            {s.body}
          </Section>
        ))}
      </div>
    </PluginPage>
  );
}
