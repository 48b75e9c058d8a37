import { createHash } from 'node:crypto';

/** The alert name the experiment's set-points carry (the rules' own set-point alert is ShadowfleetSetHosts). */
export const SET_POINT_ALERT = 'ShadowfleetExperimentSetHosts';

/** What the webhook answered for one set-point (docs/webhook.md): accepted with an intent id, or skipped with a reason. */
export interface SetPointAnswer {
  /** Epoch ms the set-point was sent. */
  readonly at: number;
  readonly pool: string;
  readonly target: number;
  readonly tier: 1 | 2 | 3;
  readonly outcome: 'accepted' | 'skipped';
  readonly intent?: string;
  readonly reason?: string;
  readonly detail?: string;
}

interface WebhookAlertResult {
  readonly outcome: 'accepted' | 'skipped';
  readonly intent?: string;
  readonly reason?: string;
  readonly detail?: string;
}

const TIMEOUT_MS = 10_000;
/** Go's zero time: Alertmanager's endsAt of an alert with no known end. */
const NO_END = '0001-01-01T00:00:00Z';

/** Alertmanager's fingerprint stand-in: 16 hex digits of a hash of the sorted label set. */
function fingerprintOf(labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u00ff');
  return createHash('sha256').update(sorted).digest('hex').slice(0, 16);
}

/**
 * The Alertmanager webhook as the live A/B runner uses it: the product's own interface, no import of the
 * webhook package. Each set-point is an Alertmanager v4 notification with `shadowfleet_action="set_hosts"`,
 * `pool`, `tier` and the target in the label `target` (a new target is a new alert); the webhook applies
 * the newest set-point of a pool with the pool's driver, deferred past the pool's cooldown.
 */
export class WebhookClient {
  readonly url: string;

  constructor(
    url: string,
    private readonly token: string,
    private readonly experiment: string,
  ) {
    this.url = url.replace(/\/+$/, '');
  }

  /**
   * Posts a notification; once more when the connection failed (a kept-alive socket the webhook closed while
   * this process was busy). Safe: the webhook de-duplicates a notification by fingerprint, startsAt and status,
   * so one that did arrive is answered `duplicate` with its intent, never applied twice.
   */
  private async post(body: unknown): Promise<Response> {
    const send = (): Promise<Response> =>
      fetch(`${this.url}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    try {
      return await send();
    } catch (err) {
      if ((err as Error).name !== 'TypeError') throw err; // fetch's network failure (not instanceof: another realm under jest)
      return send();
    }
  }

  /** Sends one set-point; returns the webhook's answer for it, or throws with its status and error. */
  async setHosts(pool: string, target: number, tier: 1 | 2 | 3): Promise<SetPointAnswer> {
    const at = Date.now();
    const labels = { alertname: SET_POINT_ALERT, shadowfleet_action: 'set_hosts', pool, tier: String(tier), target: String(target), experiment: this.experiment };
    const group = { alertname: SET_POINT_ALERT, pool };
    const res = await this.post({
      version: '4',
      groupKey: `{}:{alertname="${SET_POINT_ALERT}", pool="${pool}"}`,
      truncatedAlerts: 0,
      receiver: 'shadowfleet-experiment',
      status: 'firing',
      alerts: [{ status: 'firing', labels, annotations: {}, startsAt: new Date(at).toISOString(), endsAt: NO_END, generatorURL: '', fingerprint: fingerprintOf(labels) }],
      groupLabels: group,
      commonLabels: labels,
      commonAnnotations: {},
      externalURL: '',
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`webhook ${this.url}: set-point ${pool} → ${target} answered ${res.status}: ${text.slice(0, 300)}`);
    const r = (JSON.parse(text) as { results: WebhookAlertResult[] }).results[0];
    return { at, pool, target, tier, outcome: r.outcome, intent: r.intent, reason: r.reason, detail: r.detail };
  }

  /**
   * Checks that the webhook answers and accepts the token, without changing anything: an empty notification
   * is refused 401 for a bad token and 400 (no alerts) for a good one — authentication comes first.
   */
  async check(): Promise<void> {
    let res: Response;
    try {
      res = await this.post({});
    } catch (err) {
      throw new Error(`webhook.url ${this.url}: cannot reach it (${(err as Error).message})`);
    }
    if (res.status === 401 || res.status === 403) throw new Error(`webhook token: the webhook at ${this.url} refused it (${res.status}); use its bearer token (SHADOWFLEET_WEBHOOK_TOKEN)`);
    if (res.status !== 400) throw new Error(`webhook.url ${this.url}: POST /webhook with an empty body answered ${res.status}, not 400 (is it the Shadowfleet webhook?)`);
  }

  /** The pools' active units as the webhook last observed them (its shadowfleet_webhook_pool_units gauge). */
  async activeUnits(): Promise<Record<string, number>> {
    const res = await fetch(`${this.url}/metrics`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) throw new Error(`webhook ${this.url}: GET /metrics → ${res.status}`);
    const out: Record<string, number> = {};
    for (const m of (await res.text()).matchAll(/^shadowfleet_webhook_pool_units\{([^}]*)\} (\S+)$/gm)) {
      const labels = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
      if (labels.state === 'active' && labels.pool) out[labels.pool] = Number(m[2]);
    }
    return out;
  }
}
