import React from 'react';
import { Alert } from '@grafana/ui';
import { PluginPage } from '@grafana/runtime';
import { callExporter } from '../api/exporter';
import { traitText } from '../api/traits';
import type { ProfilesBody } from '../api/types';
import { useFetched } from '../api/useFetched';
import { QUERIES } from '../queries';
import { FetchedView } from '../components/common/FetchedView';
import { PromChart } from '../components/common/PromChart';
import { PromTable } from '../components/common/PromTable';
import { Section } from '../components/common/Section';
import { SimpleTable } from '../components/common/SimpleTable';
import { testIds } from '../components/testIds';

function ProfileList({ body }: { body: ProfilesBody }) {
  if (!body.built) {
    return <Alert severity="info" title="No profile model yet">{body.message}</Alert>;
  }
  return (
    <>
      <p>
        {body.users} users in {body.k} profiles (silhouette {body.silhouette?.toFixed(2)}), built {body.builtAt}
        {body.rebuilding ? ' — rebuilding now' : ''}.
      </p>
      <SimpleTable
        testId={testIds.profiles.table}
        empty="The model has no profiles."
        rows={body.profiles}
        columns={[
          { header: 'Profile', cell: (p) => p.name },
          { header: 'Users', cell: (p) => p.size },
          { header: 'Share', cell: (p) => `${(p.share * 100).toFixed(1)} %` },
          { header: 'Traits', cell: (p) => p.traits.map(traitText).join(', ') },
        ]}
      />
    </>
  );
}

/** Each profile's size, traits and trend; how users move between profiles. */
function Profiles() {
  const { result } = useFetched(() => callExporter<ProfilesBody>('/v1/profiles'));
  return (
    <PluginPage subTitle="Behavioural profiles: their size, traits and trend, and how users move between them">
      <div data-testid={testIds.profiles.container}>
        <Section title="Profiles">
          <FetchedView what="GET /v1/profiles" result={result}>
            {(body) => <ProfileList body={body} />}
          </FetchedView>
        </Section>
        <Section title="Users per profile over time">
          <PromChart queries={[{ expr: QUERIES.profileUsers, legend: '{{name}}' }]} seconds={6 * 3600} fieldConfig={{ defaults: { unit: 'suffix: users', min: 0, decimals: 0 } }} />
        </Section>
        <Section title="Movement between profiles at the last rebuild">
          <PromTable
            expr={QUERIES.profileTransitions}
            labels={[['from', 'From'], ['to', 'To']]}
            valueHeader="Users"
            unit="suffix: users"
            empty="No movement recorded (a second rebuild is needed to compare)."
            testId={testIds.profiles.transitions}
          />
        </Section>
      </div>
    </PluginPage>
  );
}

export default Profiles;
