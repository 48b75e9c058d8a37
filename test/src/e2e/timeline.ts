import { waitFor } from '../support/index';
import { readForecast, sustainedRate } from './forecast';
import { SHADOW_SERVERS, type ScalingStack } from './stack';

/** How often the timeline pollers look (they bound the timing resolution of the measurement). */
export const TIMELINE_POLL_MS = 50;
export const ALERT_NAME = 'ShadowfleetActivateShadowHosts';

/** Date.now() times of each step from the forecast crossing the threshold to traffic on a shadow host. */
export interface ActivationTimeline {
  readonly crossedAt: number;
  readonly loadAtCrossing: number;
  readonly firingAt: number;
  readonly webhookReadyAt: number;
  readonly haproxyReadyAt: number;
  readonly firstServedAt: number;
  readonly firstServedBy: string;
}

async function alertState(stack: ScalingStack): Promise<string | undefined> {
  if (!stack.prometheus) throw new Error('Prometheus is not running: call stack.startPrometheus() first');
  const alerts = await stack.prometheus.alerts();
  return alerts.find((a) => a.labels.alertname === ALERT_NAME)?.state;
}

/** Waits until the exporter's sustained forecast exceeds `threshold`; returns when (first observation). */
export async function waitForCrossing(stack: ScalingStack, threshold: number, timeoutMs: number, abortIf?: () => void): Promise<{ at: number; load: number }> {
  let highest: number | undefined;
  try {
    return await waitFor(
      async () => {
        const load = sustainedRate(await readForecast(stack.exporter.url));
        if (load !== undefined) highest = Math.max(highest ?? load, load);
        return load !== undefined && load > threshold ? { at: Date.now(), load } : undefined;
      },
      { what: `the forecast to exceed ${threshold}`, timeoutMs, intervalMs: TIMELINE_POLL_MS, abortIf },
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; the highest sustained forecast seen was ${highest ?? 'none'}`);
  }
}

/** After a crossing: the alert firing, the webhook setting servers ready, HAProxy serving, the first request on a shadow. */
export async function followActivation(stack: ScalingStack, crossing: { at: number; load: number }, timeoutMs: number): Promise<ActivationTimeline> {
  const opts = { timeoutMs, intervalMs: TIMELINE_POLL_MS };
  const firingAt = await waitFor(async () => ((await alertState(stack)) === 'firing' ? Date.now() : undefined), { ...opts, what: `${ALERT_NAME} firing` });
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
  const readyLog = stack.webhook.log.find((e) => e.message === 'haproxy server state set' && e.fields.state === 'ready');
  return {
    crossedAt: crossing.at,
    loadAtCrossing: crossing.load,
    firingAt,
    webhookReadyAt: readyLog?.at ?? haproxyReadyAt,
    haproxyReadyAt,
    firstServedAt: first.at,
    firstServedBy: first.s,
  };
}

/** Waits for the scale-back: the alert gone and every shadow back in maintenance. */
export async function waitForScaleBack(stack: ScalingStack, timeoutMs: number): Promise<{ resolvedAt: number; maintenanceAt: number }> {
  const opts = { timeoutMs, intervalMs: TIMELINE_POLL_MS };
  const resolvedAt = await waitFor(async () => ((await alertState(stack)) === undefined ? Date.now() : undefined), { ...opts, what: `${ALERT_NAME} resolved` });
  const maintenanceAt = await waitFor(
    async () => ((await stack.lb.serverStates()).filter((s) => (SHADOW_SERVERS as readonly string[]).includes(s.name)).every((s) => s.inMaintenance) ? Date.now() : undefined),
    { ...opts, what: 'every shadow server back in maintenance' },
  );
  return { resolvedAt, maintenanceAt };
}
