import { readFileSync } from 'node:fs';
import path from 'node:path';
import { commandPool, makeAlert, notification, webhookPayloadSchema } from '@shadowfleet/alertmanager-webhook';
import { seededRandom } from '@shadowfleet/models';
import { pool, postAlerts, startWebhookProcess, TOKEN } from './process';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const nasty: Json[] = [null, true, 0, -1, 1e308, 3.5, '', 'x'.repeat(5000), '0001-01-01T00:00:00Z', '../../etc/passwd', '$(touch /tmp/pwned)', '\u0000\uffff', [], {}, [1, 2], { __proto__: { polluted: true } } as Json, { constructor: { prototype: { polluted: true } } }];

/** All paths to values inside a JSON value. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function mutate(base: Json, rnd: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const kind = Math.floor(rnd() * 7);
  const text = JSON.stringify(base);
  if (kind === 0) return text.slice(0, Math.floor(rnd() * text.length)); // truncated
  if (kind === 1) return Array.from({ length: 1 + Math.floor(rnd() * 200) }, () => String.fromCharCode(Math.floor(rnd() * 256))).join(''); // random bytes
  if (kind === 2) return '['.repeat(2000 + Math.floor(rnd() * 20000)); // deep nesting
  const copy = JSON.parse(text) as Json;
  const target = pick(paths(copy).filter((p) => p.length > 0));
  let parent = copy as Record<string | number, Json>;
  for (const key of target.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = target.at(-1)!;
  if (kind === 3) delete parent[last];
  else if (kind === 4) parent[last] = pick(nasty);
  else if (kind === 5) parent[last] = typeof parent[last] === 'string' ? `${parent[last]}${pick(['"', '\\', ' ', 'Z', '+99:99', '🙂'])}` : pick(nasty);
  else (copy as Record<string, Json>)[pick(['__proto__', 'version', 'alerts', 'status'])] = pick(nasty);
  return JSON.stringify(copy);
}

/**
 * Malformed notifications against the real webhook process: truncated and random bytes, deep nesting,
 * deleted fields, wrong types, injection strings, prototype keys, and wrong content types. Only
 * bodies that are NOT valid v4 payloads are sent (each is checked first), built from an actionable
 * alert so that a validation gap would show up as an action. A valid alert at the end must act.
 */
export async function measureFuzz(count = 3000) {
  const pools = commandPool({ web: 1 });
  const service = await startWebhookProcess({ dataDir: pools.dataDir, auth: { type: 'bearer', token: TOKEN }, bodyLimitBytes: 64 * 1024, pools: { web: pools.pool('web') } }, pools.dir);
  const base = notification([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })]) as unknown as Json;
  const rnd = seededRandom(7);
  const bodies: { body: string; contentType: string }[] = [];
  while (bodies.length < count) {
    const body = mutate(base, rnd);
    let valid = false;
    try {
      valid = webhookPayloadSchema.safeParse(JSON.parse(body)).success;
    } catch {
      valid = false;
    }
    if (!valid) bodies.push({ body, contentType: rnd() < 0.05 ? 'text/plain' : 'application/json' });
  }
  const statuses: Record<string, number> = {};
  try {
    await pool(
      bodies.map(({ body, contentType }) => async () => {
        try {
          const res = await postAlerts(service.url, body, contentType);
          await res.arrayBuffer();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        } catch {
          statuses.connection_error = (statuses.connection_error ?? 0) + 1;
        }
      }),
      20,
    );
    const healthy = (await fetch(`${service.url}/-/healthy`).catch(() => undefined))?.status === 200;
    const intentFile = path.join(pools.dataDir, 'intents.jsonl');
    const intentsAfterFuzz = readFileSync(intentFile, 'utf8').split('\n').filter((l) => l.includes('"accepted"')).length;
    const appliesAfterFuzz = pools.applies();
    const control = await postAlerts(service.url, JSON.stringify(notification([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })])));
    await control.arrayBuffer();
    for (let i = 0; i < 100 && pools.applies() === appliesAfterFuzz; i++) await new Promise((r) => setTimeout(r, 100));
    return {
      tried: bodies.length,
      statuses,
      server_errors_5xx: Object.entries(statuses).filter(([code]) => code.startsWith('5')).reduce((n, [, v]) => n + v, 0),
      crashes: service.exited() ? 1 : 0,
      healthy_after: healthy,
      intents_recorded: intentsAfterFuzz,
      actions_applied: appliesAfterFuzz,
      control_valid_alert_applied: control.status === 200 && pools.applies() === appliesAfterFuzz + 1,
    };
  } finally {
    await service.stop();
    pools.cleanup();
  }
}
