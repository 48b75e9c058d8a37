import React, { ChangeEvent, useState } from 'react';
import { lastValueFrom } from 'rxjs';
import type { AppPluginMeta, PluginConfigPageProps, PluginMeta } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Input, SecretInput, Stack } from '@grafana/ui';
import { DEFAULT_PROMETHEUS_UID, type AppSecureSettings, type AppSettings } from '../../api/settings';
import { testIds } from '../testIds';
import { ConnectionCheck } from './ConnectionCheck';
import { PrometheusPicker } from './PrometheusPicker';

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<AppSettings>> {}

interface State {
  exporterUrl: string;
  prometheusUid: string;
  exporterToken: string;
  isTokenSet: boolean;
  webhookUrl: string;
  webhookReadToken: string;
  isReadTokenSet: boolean;
}

/** "http://exporter:9464" → undefined; anything else → why it is not a usable base URL. */
export function exporterUrlProblem(url: string, example = 'http://exporter:9464'): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      return `must start with http:// or https://, got "${u.protocol}"`;
    }
    if (url.endsWith('/')) {
      // The proxy routes append "/v1/…": a trailing slash would make Grafana send "//v1/…".
      return 'must not end with "/"';
    }
    return undefined;
  } catch {
    return `must be an absolute URL such as ${example}, got "${url}"`;
  }
}

/**
 * The exporter's URL and the Prometheus datasource go to jsonData; the exporter's token goes to
 * secureJsonData, which Grafana never sends back to the browser — only its proxy route uses it.
 */
const AppConfig = ({ plugin }: AppConfigProps) => {
  const { enabled, pinned, jsonData, secureJsonFields } = plugin.meta;
  const [state, setState] = useState<State>({
    exporterUrl: jsonData?.exporterUrl ?? '',
    prometheusUid: jsonData?.prometheusUid ?? DEFAULT_PROMETHEUS_UID,
    exporterToken: '',
    isTokenSet: Boolean(secureJsonFields?.exporterToken),
    webhookUrl: jsonData?.webhookUrl ?? '',
    webhookReadToken: '',
    isReadTokenSet: Boolean(secureJsonFields?.webhookReadToken),
  });
  const [saveError, setSaveError] = useState<string | undefined>();
  const urlProblem = state.exporterUrl ? exporterUrlProblem(state.exporterUrl) : undefined;
  const webhookUrlProblem = state.webhookUrl ? exporterUrlProblem(state.webhookUrl, 'http://webhook:9095') : undefined;
  const canSave = Boolean(state.exporterUrl) && !urlProblem && !webhookUrlProblem;

  const onChange = (event: ChangeEvent<HTMLInputElement>) => setState({ ...state, [event.target.name]: event.target.value.trim() });

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!canSave) {
      return;
    }
    // Each secret is sent only when typed in: a stored one is never read back, so leave it untouched otherwise.
    const secure: AppSecureSettings = {
      ...(state.isTokenSet || !state.exporterToken ? {} : { exporterToken: state.exporterToken }),
      ...(state.isReadTokenSet || !state.webhookReadToken ? {} : { webhookReadToken: state.webhookReadToken }),
    };
    try {
      await updatePlugin(plugin.meta.id, {
        enabled,
        pinned,
        jsonData: { exporterUrl: state.exporterUrl, prometheusUid: state.prometheusUid || DEFAULT_PROMETHEUS_UID, ...(state.webhookUrl ? { webhookUrl: state.webhookUrl } : {}) },
        secureJsonData: Object.keys(secure).length > 0 ? secure : undefined,
      });
      // Grafana keeps plugin settings in its own state: reloading is the supported way to pick them up.
      window.location.reload();
    } catch (e) {
      setSaveError(e instanceof Error ? e.message : 'Grafana did not save the settings');
    }
  };

  return (
    <form onSubmit={onSubmit}>
      <FieldSet label="Shadowfleet exporter">
        <Field label="Exporter URL" description="as Grafana's server reaches it, e.g. http://exporter:9464" invalid={Boolean(urlProblem)} error={urlProblem}>
          <Input width={60} name="exporterUrl" id="config-exporter-url" data-testid={testIds.appConfig.exporterUrl} value={state.exporterUrl} placeholder="http://exporter:9464" onChange={onChange} />
        </Field>
        <Field label="Exporter token" description="SHADOWFLEET_AUTH_TOKEN of the exporter; needed to save the policy and run previews">
          <TokenInput name="exporterToken" id="config-exporter-token" testId={testIds.appConfig.exporterToken} value={state.exporterToken} isConfigured={state.isTokenSet} onChange={onChange} onReset={() => setState({ ...state, exporterToken: '', isTokenSet: false })} />
        </Field>
        <Field label="Webhook URL (optional)" description="the Alertmanager webhook as Grafana's server reaches it, e.g. http://webhook:9095: decisions then show their intents" invalid={Boolean(webhookUrlProblem)} error={webhookUrlProblem}>
          <Input width={60} name="webhookUrl" id="config-webhook-url" data-testid={testIds.appConfig.webhookUrl} value={state.webhookUrl} placeholder="http://webhook:9095" onChange={onChange} />
        </Field>
        <Field label="Webhook read token" description="SHADOWFLEET_WEBHOOK_READ_TOKEN of the webhook: reads intents, cannot post alerts">
          <TokenInput name="webhookReadToken" id="config-webhook-read-token" value={state.webhookReadToken} isConfigured={state.isReadTokenSet} onChange={onChange} onReset={() => setState({ ...state, webhookReadToken: '', isReadTokenSet: false })} />
        </Field>
        <Field label="Prometheus data source" description="the data source that scrapes the exporter and the webhook">
          <PrometheusPicker value={state.prometheusUid} onChange={(uid) => setState({ ...state, prometheusUid: uid })} />
        </Field>
        {saveError ? <Alert title="Settings not saved">{saveError}</Alert> : null}
        <Stack>
          <Button type="submit" data-testid={testIds.appConfig.submit} disabled={!canSave}>
            Save settings
          </Button>
        </Stack>
      </FieldSet>
      <FieldSet label="Connection">
        <ConnectionCheck prometheusUid={jsonData?.prometheusUid ?? DEFAULT_PROMETHEUS_UID} />
      </FieldSet>
    </form>
  );
};

export default AppConfig;

/** A bearer token kept in secureJsonData: typed once, shown only as "configured" afterwards, reset to type a new one. */
function TokenInput(props: { name: string; id: string; testId?: string; value: string; isConfigured: boolean; onChange: (e: ChangeEvent<HTMLInputElement>) => void; onReset: () => void }) {
  const { testId, ...rest } = props;
  return <SecretInput width={60} data-testid={testId} placeholder="bearer token (16+ characters)" {...rest} />;
}

const updatePlugin = async (pluginId: string, data: Partial<PluginMeta>) =>
  lastValueFrom(getBackendSrv().fetch({ url: `/api/plugins/${pluginId}/settings`, method: 'POST', data }));
