import React, { useState } from 'react';
import { Alert, Button, ConfirmModal, Stack } from '@grafana/ui';
import { PluginPage } from '@grafana/runtime';
import { canWritePolicy } from '../../api/access';
import { callExporter, type Fetched } from '../../api/exporter';
import type { ProfilesBody } from '../../api/types';
import { useFetched } from '../../api/useFetched';
import { FetchedView } from '../../components/common/FetchedView';
import { Section } from '../../components/common/Section';
import { formatWhen } from '../../components/common/time';
import { testIds } from '../../components/testIds';
import { EditDiff } from './EditDiff';
import { History } from './History';
import { LoadBalancerStatus } from './LoadBalancerStatus';
import { PolicyFields } from './PolicyFields';
import { diffPolicies, type PolicyState } from './policyState';
import { fromForm, toForm, type PolicyForm, type PolicyPreview } from './policyTypes';
import { PreviewTable } from './PreviewTable';
import { Provenance } from './Provenance';
import { worseVerdict } from './previewVerdict';

const fieldErrors = (r: Fetched<unknown>): Record<string, string> =>
  r.kind === 'error' && r.fields ? Object.fromEntries(r.fields.map((f) => [f.field, f.message])) : {};

function inForce(s: PolicyState): string {
  const v = s.version !== undefined ? `Version ${s.version}` : 'The policy';
  const by = s.updatedBy ?? '';
  if (!s.updatedAt || by === 'default') {
    return `${v} is in force: the built-in default, not changed yet.`;
  }
  if (by.startsWith('file ')) {
    return `${v} is in force, read ${formatWhen(s.updatedAt)} from the policy ${by}.`;
  }
  return `${v} is in force, saved ${formatWhen(s.updatedAt)} by ${by || 'an unknown user'}.`;
}

function Editor({ initial, profiles }: { initial: PolicyState; profiles: Array<{ id: string; name: string }> }) {
  const canWrite = canWritePolicy();
  const [state, setState] = useState(initial);
  const [form, setForm] = useState<PolicyForm>(toForm(initial.policy));
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The exporter's objection to the form (or rollback) as it was sent; hidden once the form changes.
  const [rejected, setRejected] = useState<{ of: string; message: string } | undefined>();
  const [preview, setPreview] = useState<{ of: string; data: PolicyPreview } | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const formKey = JSON.stringify(form);
  const previewed = preview?.of === formKey;
  const parsed = fromForm(form);
  const changes = parsed.policy ? diffPolicies(state.policy, parsed.policy) : [];
  const worse = previewed ? worseVerdict(preview.data) : [];
  const problem = rejected?.of === formKey ? rejected.message : undefined;

  const send = async <T,>(path: string, method: 'POST' | 'PUT', data: unknown): Promise<T | undefined> => {
    setBusy(true);
    const r = await callExporter<T>(path, { method, data });
    setBusy(false);
    setErrors(fieldErrors(r));
    setRejected(r.kind === 'ok' ? undefined : { of: formKey, message: r.message });
    return r.kind === 'ok' ? r.data : undefined;
  };
  const adopt = (next: PolicyState) => {
    setState(next);
    setForm(toForm(next.policy));
    setPreview(undefined);
  };

  const onPreview = async () => {
    setErrors(parsed.errors);
    if (parsed.policy) {
      const data = await send<PolicyPreview>('/v1/policy/preview', 'POST', parsed.policy);
      setPreview(data ? { of: formKey, data } : undefined);
    }
  };
  const save = async () => {
    setConfirming(false);
    const next = parsed.policy ? await send<PolicyState>('/v1/policy', 'PUT', parsed.policy) : undefined;
    if (next) {
      adopt(next);
    }
  };
  const rollback = async (version: number) => {
    const next = await send<PolicyState>('/v1/policy/rollback', 'POST', { version });
    if (next) {
      adopt(next);
    }
  };

  return (
    <div data-testid={testIds.tuning.form}>
      <p data-testid={testIds.tuning.saved}>{inForce(state)}</p>
      {!canWrite ? (
        <Alert severity="info" title="You can preview, not save">
          Saving and rolling back the policy needs the “Shadowfleet policy writer” role (granted to Admins; an Admin can grant it to
          others under Administration → Users and access).
        </Alert>
      ) : null}
      <Section title="In force, and where each value came from">
        <Provenance state={state} />
      </Section>
      <Section title="Edit">
        <PolicyFields form={form} errors={errors} profiles={profiles} onChange={setForm} />
        <LoadBalancerStatus version={state.version} />
        <EditDiff changes={changes} />
        {problem ? (
          <Alert severity="error" title="The exporter did not accept this">
            {problem}
          </Alert>
        ) : null}
        {worse.length > 0 ? (
          <Alert data-testid={testIds.tuning.worse} severity="warning" title="The simulator rates this change worse">
            Worse than the policy in force on: {worse.join(', ')}.
          </Alert>
        ) : null}
        <Stack gap={2}>
          <Button variant="secondary" onClick={onPreview} disabled={busy || changes.length === 0}>
            Preview in the simulator
          </Button>
          <Button
            data-testid={testIds.tuning.save}
            onClick={() => (worse.length > 0 ? setConfirming(true) : save())}
            disabled={busy || !previewed || !canWrite || changes.length === 0}
          >
            Save policy
          </Button>
        </Stack>
        {changes.length > 0 && !previewed ? <p>Preview the change before saving it.</p> : null}
        {preview && previewed ? (
          <Section title="Simulated effect">
            <PreviewTable preview={preview.data} />
          </Section>
        ) : null}
      </Section>
      <Section title="History">
        <History history={state.history} current={state.version} canWrite={canWrite} busy={busy} onRollback={rollback} />
      </Section>
      <ConfirmModal
        isOpen={confirming}
        title="Save a policy the simulator rates worse?"
        body={`Worse than the policy in force on: ${worse.join(', ')}.`}
        confirmText="Save anyway"
        onConfirm={save}
        onDismiss={() => setConfirming(false)}
      />
    </div>
  );
}

/** Edit the allocation policy: where each value comes from, the diff, a preview, history and rollback. */
function Tuning() {
  const { result } = useFetched(() => callExporter<PolicyState>('/v1/policy'));
  const profiles = useFetched(() => callExporter<ProfilesBody>('/v1/profiles')).result;
  const list = profiles?.kind === 'ok' ? profiles.data.profiles.map((p) => ({ id: p.id, name: p.name })) : [];
  return (
    <PluginPage subTitle="The allocation policy: strategy, targets, bounds, cooldowns and per-profile priorities">
      <div data-testid={testIds.tuning.container}>
        <FetchedView what="GET /v1/policy" result={profiles ? result : undefined}>
          {(state) => <Editor initial={state} profiles={list} />}
        </FetchedView>
      </div>
    </PluginPage>
  );
}

export default Tuning;
