import React from 'react';
import { Badge } from '@grafana/ui';
import { callWebhook, type Fetched } from '../../api/exporter';
import type { IntentsBody, WebhookIntent } from '../../api/types';
import { useFetched } from '../../api/useFetched';
import { useSettings } from '../../components/common/SettingsContext';
import { intentSummary, intentsFor, shortId } from './intents';

/** The webhook allows at most 500 intents a page; the decisions shown span far fewer. */
const PAGE = 500;

export type IntentsResult = Fetched<WebhookIntent[]> | { kind: 'not-configured' } | undefined;

/** The webhook's intents (of `pool`, or all) accepted since `fromMs` (through the `webhook/v1/intents` proxy route), once the webhook URL is set. */
export function useWebhookIntents(fromMs: number, pool: string | undefined, key: string): IntentsResult {
  const { webhookUrl } = useSettings();
  const { result } = useFetched(async (): Promise<Fetched<WebhookIntent[]>> => {
    if (!webhookUrl || !Number.isFinite(fromMs)) {
      return { kind: 'ok', data: [] };
    }
    const query = new URLSearchParams({ from: String(Math.floor(fromMs)), to: String(Date.now()), limit: String(PAGE), ...(pool ? { pool } : {}) });
    const answer = await callWebhook<IntentsBody>(`/v1/intents?${query}`);
    return answer.kind === 'ok' ? { kind: 'ok', data: answer.data.intents } : answer;
  }, `${webhookUrl ?? ''}|${key}`);
  return webhookUrl ? result : { kind: 'not-configured' };
}

/** Beside a decision: each intent it led to, with its id, from → to, outcome and a dry-run badge. */
export function IntentList({ result, pool, atMs, untilMs }: { result: IntentsResult; pool?: string; atMs: number; untilMs: number }) {
  if (!result) {
    return <>asking the webhook…</>;
  }
  if (result.kind === 'not-configured') {
    return <>set the webhook URL on the configuration page to see intents</>;
  }
  if (result.kind !== 'ok') {
    return <>Webhook: {result.message}</>;
  }
  const mine = intentsFor(pool, atMs, untilMs, result.data);
  if (mine.length === 0) {
    return <>no intent</>;
  }
  return (
    <ul data-testid="data-testid decision-intents" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {mine.map((i) => (
        <li key={i.id}>
          <code title={`intent ${i.id}`}>{shortId(i.id)}</code> {intentSummary(i)} {i.dry_run ? <Badge color="blue" text="dry run" /> : null}
        </li>
      ))}
    </ul>
  );
}
