import React, { useState } from 'react';
import { Alert, Button, Stack } from '@grafana/ui';
import { PluginPage } from '@grafana/runtime';
import { callExporter, type Fetched } from '../../api/exporter';
import type { ProfilesBody } from '../../api/types';
import { useFetched } from '../../api/useFetched';
import { FetchedView } from '../../components/common/FetchedView';
import { Section } from '../../components/common/Section';
import { testIds } from '../../components/testIds';
import { PolicyFields } from './PolicyFields';
import { fromForm, toForm, type PolicyForm, type PolicyPreview, type StoredPolicy } from './policyTypes';
import { PreviewTable } from './PreviewTable';

const fieldErrors = (r: Fetched<unknown>): Record<string, string> =>
  r.kind === 'error' && r.fields ? Object.fromEntries(r.fields.map((f) => [f.field, f.message])) : {};

function Editor({ stored, profiles }: { stored: StoredPolicy; profiles: Array<{ id: string; name: string }> }) {
  const [saved, setSaved] = useState(stored);
  const [form, setForm] = useState<PolicyForm>(toForm(stored.policy));
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The exporter's objection to the form as it was sent; hidden once the form changes.
  const [rejected, setRejected] = useState<{ of: string; message: string } | undefined>();
  const [preview, setPreview] = useState<{ of: string; data: PolicyPreview } | undefined>();
  const [busy, setBusy] = useState(false);
  const formKey = JSON.stringify(form);
  const previewed = preview?.of === formKey;

  const problem = rejected?.of === formKey ? rejected.message : undefined;

  const send = async <T,>(path: string, method: 'POST' | 'PUT'): Promise<T | undefined> => {
    const parsed = fromForm(form);
    setErrors(parsed.errors);
    if (!parsed.policy) {
      return undefined;
    }
    setBusy(true);
    const r = await callExporter<T>(path, { method, data: parsed.policy });
    setBusy(false);
    setErrors(fieldErrors(r));
    setRejected(r.kind === 'ok' ? undefined : { of: formKey, message: r.message });
    return r.kind === 'ok' ? r.data : undefined;
  };

  const onPreview = async () => {
    const data = await send<PolicyPreview>('/v1/policy/preview', 'POST');
    setPreview(data ? { of: formKey, data } : undefined);
  };
  const onSave = async () => {
    const data = await send<StoredPolicy>('/v1/policy', 'PUT');
    if (data) {
      setSaved(data);
      setPreview(undefined);
    }
  };

  return (
    <div data-testid={testIds.tuning.form}>
      <p data-testid={testIds.tuning.saved}>
        {saved.source === 'default' ? 'The exporter runs its default policy (none saved yet).' : `Policy saved ${saved.updatedAt}.`}
      </p>
      <PolicyFields form={form} errors={errors} profiles={profiles} onChange={setForm} />
      {problem ? (
        <Alert severity="error" title="The exporter did not accept this policy">
          {problem}
        </Alert>
      ) : null}
      <Stack gap={2}>
        <Button variant="secondary" onClick={onPreview} disabled={busy}>
          Preview in the simulator
        </Button>
        <Button data-testid={testIds.tuning.save} onClick={onSave} disabled={busy || !previewed}>
          Save policy
        </Button>
      </Stack>
      {!previewed ? <p>Preview the change before saving it.</p> : null}
      {preview && previewed ? (
        <Section title="Simulated effect">
          <PreviewTable preview={preview.data} />
        </Section>
      ) : null}
    </div>
  );
}

/** Edit the allocation policy, with the exporter's validation and a simulator preview before saving. */
function Tuning() {
  const { result } = useFetched(() => callExporter<StoredPolicy>('/v1/policy'));
  const profiles = useFetched(() => callExporter<ProfilesBody>('/v1/profiles')).result;
  const list = profiles?.kind === 'ok' ? profiles.data.profiles.map((p) => ({ id: p.id, name: p.name })) : [];
  return (
    <PluginPage subTitle="The allocation policy: strategy, targets, bounds, cooldowns and per-profile priorities">
      <div data-testid={testIds.tuning.container}>
        <FetchedView what="GET /v1/policy" result={profiles ? result : undefined}>
          {(stored) => <Editor stored={stored} profiles={list} />}
        </FetchedView>
      </div>
    </PluginPage>
  );
}

export default Tuning;
