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
