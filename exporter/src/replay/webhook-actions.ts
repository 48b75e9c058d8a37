import type { SetPointIntent } from './path-delay';

/**
 * The webhook's own count of the `set_hosts` intents it finished, by outcome (applied, noop, skipped …),
 * read from its `shadowfleet_webhook_actions_total` counter: the proof that the manager's targets reached
 * the webhook through the rules and Alertmanager, whichever strategy produced them.
 */
export function setHostsOutcomes(metricsText: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of metricsText.split('\n')) {
    const m = /^shadowfleet_webhook_actions_total\{([^}]*)\}\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...m[1].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (labels.action !== 'set_hosts' || !labels.outcome) continue;
    out[labels.outcome] = (out[labels.outcome] ?? 0) + Number(m[2]);
  }
  return out;
}

/** GET {webhookUrl}/metrics → setHostsOutcomes. */
export async function readSetHostsOutcomes(webhookUrl: string): Promise<Record<string, number>> {
  const res = await fetch(`${webhookUrl}/metrics`);
  if (!res.ok) throw new Error(`GET ${webhookUrl}/metrics → ${res.status}`);
  return setHostsOutcomes(await res.text());
}

/** Every set_hosts intent of `pool` the webhook keeps (GET /v1/intents, all pages), oldest first. */
export async function readSetPointIntents(webhookUrl: string, token: string, pool: string): Promise<SetPointIntent[]> {
  const out: SetPointIntent[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ pool, limit: '500', ...(cursor ? { cursor } : {}) });
    const res = await fetch(`${webhookUrl}/v1/intents?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`GET ${webhookUrl}/v1/intents → ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const page = (await res.json()) as { intents: SetPointIntent[]; next?: string };
    out.push(...page.intents.filter((i) => i.action === 'set_hosts'));
    cursor = page.next;
  } while (cursor);
  return out.reverse();
}
