import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commandPool, makeAlert, notification, webhookPayloadSchema } from '@shadowfleet/alertmanager-webhook';
import { startExporterProcess } from '../ingest/exporter-process';
import { postAlerts, startWebhookProcess, TOKEN as WEBHOOK_TOKEN } from '../webhook/process';
import { drive, type FuzzTally } from './drive';
import type { FuzzRequest, Json } from './mutate';

/** A body that is still a valid notification would act (and is not what the fuzz is after). */
function validNotification(req: FuzzRequest): boolean {
  try {
    return req.contentType.startsWith('application/json') && webhookPayloadSchema.safeParse(JSON.parse(req.body.toString('utf8'))).success;
  } catch {
    return false;
  }
}

/** Fixed seeds: the same requests every run. */
export const EXPORTER_SEED = 13;
export const WEBHOOK_SEED = 7;
const EXPORTER_TOKEN = 'fuzz-exporter-token-0123456789';

export interface ServiceFuzzResult extends FuzzTally {
  readonly service: 'exporter' | 'webhook';
  readonly seed: number;
  /** The process was still running after the fuzz. */
  readonly crashed: boolean;
  /** A valid request after the fuzz was served normally. */
  readonly control_ok: boolean;
  /** rss_mb_at_end − rss_mb_after_first_10k (the bound: 50 MB). */
  readonly rss_growth_mb?: number;
}

const growth = (t: FuzzTally) => (t.rss_mb_after_first_10k === undefined || t.rss_mb_at_end === undefined ? undefined : t.rss_mb_at_end - t.rss_mb_after_first_10k);

/** The real exporter process: events (JSON and NDJSON), users, policy and experiment segment writes. */
export async function fuzzExporter(count: number, seed = EXPORTER_SEED): Promise<ServiceFuzzResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-fuzz-exporter-'));
  const ex = await startExporterProcess(path.join(dir, 'data'), EXPORTER_TOKEN);
  try {
    const policy = ((await (await fetch(`${ex.url}/v1/policy`)).json()) as { policy: Json }).policy;
    const event = { user_id: 'u1', session_id: 's1', timestamp: '2024-05-01T12:00:00Z', action: 'search', data_type: 'html', duration_ms: 12, status: 200, error: false, bytes: 100, cost: 1 };
    const tally = await drive(ex.url, ex.proc.pid!, EXPORTER_TOKEN, [
      { method: 'POST', path: '/v1/events', base: [event, { ...event, user_id: 'u2', timestamp: 1714564800123 }], weight: 6 },
      { method: 'POST', path: '/v1/users', base: [{ user_id: 'u1', attributes: { plan: 'pro', seats: 3, trial: false } }], weight: 2 },
      { method: 'PUT', path: '/v1/policy', base: policy, weight: 1 },
      { method: 'POST', path: '/v1/experiments/fuzz-1/segments', base: { name: 'a', control: 1, treatment: 2, control_slo: 0.9, treatment_slo: 0.95 }, weight: 1 },
    ], count, seed);
    const crashed = ex.proc.exitCode !== null || ex.proc.signalCode !== null;
    const control = crashed
      ? undefined
      : await fetch(`${ex.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${EXPORTER_TOKEN}` }, body: JSON.stringify([event]) });
    return { service: 'exporter', seed, ...tally, rss_growth_mb: growth(tally), crashed, control_ok: control?.status === 201 };
  } finally {
    await ex.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The real webhook process with a command-driver pool: notifications of every malformed shape. */
export async function fuzzWebhook(count: number, seed = WEBHOOK_SEED): Promise<ServiceFuzzResult> {
  const pools = commandPool({ web: 1 });
  const service = await startWebhookProcess({ dataDir: pools.dataDir, auth: { type: 'bearer', token: WEBHOOK_TOKEN }, bodyLimitBytes: 256 * 1024, pools: { web: pools.pool('web', { max: 1000, cooldownSeconds: 0 }) } }, pools.dir);
  try {
    const forget = setInterval(() => (service.logs.length = 0), 1000); // the runner keeps no log history
    const base = notification([makeAlert({ shadowfleet_action: 'scale_to', pool: 'web' }, { annotations: { target: '1' } })]) as unknown as Json;
    const tally = await drive(service.url, service.child.pid!, WEBHOOK_TOKEN, [{ method: 'POST', path: '/webhook', base, weight: 1, skip: validNotification }], count, seed).finally(() => clearInterval(forget));
    const crashed = service.exited();
    const control = crashed ? undefined : await postAlerts(service.url, JSON.stringify(notification([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })])));
    return { service: 'webhook', seed, ...tally, rss_growth_mb: growth(tally), crashed, control_ok: control?.status === 200 };
  } finally {
    await service.stop();
    pools.cleanup();
  }
}
