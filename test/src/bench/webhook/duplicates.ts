import { readFileSync } from 'node:fs';
import path from 'node:path';
import { commandPool, makeAlert, notification } from '@shadowfleet/alertmanager-webhook';
import { seededRandom } from '@shadowfleet/models';
import { pool, postAlerts, startWebhookProcess, TOKEN, type WebhookProcess } from './process';

/** Deterministic shuffle so runs are comparable. */
function shuffled<T>(items: T[], seed: number): T[] {
  const rnd = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function waitIdle(url: string): Promise<void> {
  for (let stable = 0; stable < 3; ) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const queued = Number(text.match(/^shadowfleet_webhook_intents_queued (\d+)/m)?.[1] ?? NaN);
    stable = queued === 0 ? stable + 1 : 0;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Exactly-once under redelivery: `alerts` distinct scale_by +1 alerts, each delivered `copies` times
 * in shuffled order with 20 in flight; the webhook process is SIGKILLed (no drain) halfway and
 * restarted; deliveries that failed meanwhile are resent, then everything is resent once more.
 * Each alert must change the pool by exactly one unit.
 */
export async function measureDuplicates(alerts = 100, copies = 5) {
  const pools = commandPool({ web: 1 });
  const config = {
    dataDir: pools.dataDir,
    auth: { type: 'bearer', token: TOKEN },
    rateLimit: { maxChanges: 100_000, windowSeconds: 1 },
    pools: { web: pools.pool('web', { max: 100_000 }) },
  };
  const bodies = Array.from({ length: alerts }, () => JSON.stringify(notification([makeAlert({ shadowfleet_action: 'scale_by', pool: 'web' }, { annotations: { count: '1' } })])));
  const deliveries = shuffled(bodies.flatMap((b) => Array.from({ length: copies }, () => b)), 42);
  let service: WebhookProcess = await startWebhookProcess(config, pools.dir);
  const statuses: Record<string, number> = {};
  const failed: string[] = [];
  const send = (body: string) => async () => {
    try {
      const res = await postAlerts(service.url, body);
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    } catch {
      statuses.connection_refused = (statuses.connection_refused ?? 0) + 1;
      failed.push(body);
    }
  };
  try {
    const half = Math.floor(deliveries.length / 2);
    const firstHalf = pool(deliveries.slice(0, half).map(send), 20);
    await new Promise((r) => setTimeout(r, 1500));
    await service.kill();
    await firstHalf;
    service = await startWebhookProcess(config, pools.dir);
    const restartSummary = service.logs.find((l) => l.msg === 'intent log reconciled');
    await pool([...failed.splice(0), ...deliveries.slice(half)].map(send), 20);
    await pool(bodies.map(send), 20);
    await waitIdle(service.url);
    const lines = readFileSync(path.join(pools.dataDir, 'intents.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; outcome?: string });
    const applied = lines.filter((l) => l.type === 'finished' && l.outcome === 'applied').length;
    return {
      distinct_alerts: alerts,
      deliveries: deliveries.length + bodies.length,
      delivery_statuses: statuses,
      crash_restarts: 1,
      reconciled_at_restart: restartSummary ? { requeued: restartSummary.requeued, completed: restartSummary.completed, reapplied: restartSummary.reapplied, abandoned: restartSummary.abandoned } : undefined,
      intents_applied: applied,
      pool_size_change: pools.sizes().web! - 1,
      program_invocations: pools.applies(),
      exactly_once: applied === alerts && pools.sizes().web! - 1 === alerts,
      note: 'program_invocations can exceed intents when a crash hits between the program finishing and the intent being marked done; targets are absolute, so a repeat call sets the same size',
    };
  } finally {
    await service.stop();
    pools.cleanup();
  }
}
