import { waitFor } from '../support/index';
import { SHADOW_SERVERS, type ScalingStack } from './stack';

/** How often the timeline pollers look (they bound the timing resolution of the measurement). */
export const TIMELINE_POLL_MS = 50;
export const ALERT_NAME = 'ShadowfleetSetHosts';

/** The resource manager's latest decision for the pool, as GET /v1/decisions serves it. */
export interface LatestDecision {
  readonly at: string;
  readonly policy_version: number;
  readonly desired: { readonly serving: number; readonly standby: number; readonly tier: string };
  readonly capacity: { readonly per_host: number };
  readonly load: { readonly last_step: number };
}

export async function latestDecision(exporterUrl: string): Promise<LatestDecision | undefined> {
  const res = await fetch(`${exporterUrl}/v1/decisions?limit=1`);
  if (!res.ok) throw new Error(`GET ${exporterUrl}/v1/decisions → ${res.status}`);
  return ((await res.json()) as { latest: LatestDecision[] }).latest[0];
}

/** Date.now() times of each step from the manager's decision to scale up to traffic on a shadow host. */
export interface ActivationTimeline {
  readonly decidedAt: number;
  readonly decision: LatestDecision;
  readonly firingAt: number;
  readonly firingTarget: number;
  readonly webhookReadyAt: number;
  readonly haproxyReadyAt: number;
  readonly firstServedAt: number;
  readonly firstServedBy: string;
}

async function setHostsAlert(stack: ScalingStack): Promise<{ state: string; target: number } | undefined> {
  const a = (await stack.prometheus.alerts()).find((x) => x.labels.alertname === ALERT_NAME && x.state === 'firing');
  return a ? { state: a.state, target: Number(a.labels.target) } : undefined;
}

/** Waits until the manager wants more than `hosts` active hosts; returns when (first observation) and the decision. */
export async function waitForScaleUpDecision(stack: ScalingStack, hosts: number, timeoutMs: number, abortIf?: () => void): Promise<{ at: number; decision: LatestDecision }> {
  let highest: number | undefined;
  try {
    return await waitFor(
      async () => {
        const d = await latestDecision(stack.exporter.url);
        if (d) highest = Math.max(highest ?? 0, d.desired.serving);
        return d && d.desired.serving > hosts ? { at: Date.now(), decision: d } : undefined;
      },
      { what: `a decision for more than ${hosts} host(s)`, timeoutMs, intervalMs: TIMELINE_POLL_MS, abortIf },
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; the highest target seen was ${highest ?? 'none'}`);
  }
}

/** After a scale-up decision: the set-point alert firing, the webhook setting servers ready, HAProxy serving, the first request on a shadow. */
export async function followActivation(stack: ScalingStack, decided: { at: number; decision: LatestDecision }, timeoutMs: number): Promise<ActivationTimeline> {
  const opts = { timeoutMs, intervalMs: TIMELINE_POLL_MS };
  const firing = await waitFor(
    async () => {
      const a = await setHostsAlert(stack);
      return a && a.target > 1 ? { at: Date.now(), target: a.target } : undefined;
    },
    { ...opts, what: `${ALERT_NAME} firing with a target above 1` },
  );
  const haproxyReadyAt = await waitFor(
    async () => ((await stack.lb.serverStates()).some((s) => (SHADOW_SERVERS as readonly string[]).includes(s.name) && !s.inMaintenance) ? Date.now() : undefined),
    { ...opts, what: 'a shadow server out of maintenance in HAProxy' },
  );
  const first = await waitFor(
    async () => {
      const served = SHADOW_SERVERS.map((s) => ({ s, at: stack.probe.firstServedAt(s) })).filter((x): x is { s: (typeof SHADOW_SERVERS)[number]; at: number } => x.at !== undefined);
      return served.length > 0 ? served.reduce((a, b) => (b.at < a.at ? b : a)) : undefined;
    },
    { ...opts, what: 'a request served by a shadow server' },
  );
  const readyLog = stack.webhook.log.find((e) => e.msg === 'haproxy server state set' && e.state === 'ready');
  return {
    decidedAt: decided.at,
    decision: decided.decision,
    firingAt: firing.at,
    firingTarget: firing.target,
    webhookReadyAt: readyLog ? Date.parse(String(readyLog.time)) : haproxyReadyAt,
    haproxyReadyAt,
    firstServedAt: first.at,
    firstServedBy: first.s,
  };
}

/** Waits for the scale-back: the manager back at `hosts`, and every shadow back in maintenance. */
export async function waitForScaleBack(stack: ScalingStack, hosts: number, timeoutMs: number): Promise<{ decidedAt: number; maintenanceAt: number }> {
  const opts = { timeoutMs, intervalMs: TIMELINE_POLL_MS };
  const decidedAt = await waitFor(async () => ((await latestDecision(stack.exporter.url))?.desired.serving === hosts ? Date.now() : undefined), {
    ...opts,
    what: `a decision back at ${hosts} host(s)`,
  });
  const maintenanceAt = await waitFor(
    async () => ((await stack.lb.serverStates()).filter((s) => (SHADOW_SERVERS as readonly string[]).includes(s.name)).every((s) => s.inMaintenance) ? Date.now() : undefined),
    { ...opts, what: 'every shadow server back in maintenance' },
  );
  return { decidedAt, maintenanceAt };
}

/** The live serving capacity the rules compute (active hosts × capacity per host in force), or undefined before both are scraped. */
export async function servingCapacity(stack: ScalingStack): Promise<number | undefined> {
  const [s] = await stack.prometheus.query('shadowfleet:pool_serving_capacity:per_second{pool="web"}');
  return s ? Number(s.value) : undefined;
}
