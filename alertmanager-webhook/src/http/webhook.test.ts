import { readFileSync } from 'node:fs';
import { parseConfig } from '../config/load';
import { intentLogPath, startService, type RunningService } from '../service';
import { makeAlert, notification, realPayload } from '../testing/alerts';
import { commandPool } from '../testing/command-pool';
import { memoryLogger } from '@shadowfleet/service-kit/testing';

const TOKEN = 'webhook-test-token-0123';

describe('webhook HTTP service', () => {
  let pools: ReturnType<typeof commandPool>;
  let service: RunningService;
  let logger: ReturnType<typeof memoryLogger>;

  async function start(over: Record<string, unknown> = {}, env: Record<string, string> = {}) {
    pools = commandPool({ web: 2 }, env);
    const config = parseConfig({ port: 0, dataDir: pools.dataDir, auth: { type: 'bearer', token: TOKEN }, bodyLimitBytes: 64 * 1024, pools: { web: pools.pool('web') }, ...over });
    logger = memoryLogger();
    service = await startService({ config, logger });
  }
  afterEach(async () => {
    await service?.stop(5000);
    pools?.cleanup();
  });

  const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }, contentType = 'application/json') =>
    fetch(`${service.url}/webhook`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('answers 200 per alert, acting on each alert’s own status, and skips the real fixture (no shadowfleet labels) with a reason', async () => {
    await start();
    const res = await post(notification([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' }), realPayload().alerts[0]!]));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number; skipped: number; results: { outcome: string; reason?: string }[] };
    expect(body).toMatchObject({ accepted: 1, skipped: 1 });
    expect(body.results[1]).toMatchObject({ outcome: 'skipped', reason: 'not_shadowfleet' });
    await service.engine.idle();
    expect(pools.sizes().web).toBe(3);
  });

  it('tags the log lines of a request with its X-Request-Id (kept when well-formed, else a fresh one) and answers with it', async () => {
    await start();
    const sent = await post({ version: '4' }, { authorization: `Bearer ${TOKEN}`, 'x-request-id': 'am-retry-7' });
    expect(sent.status).toBe(400);
    expect(sent.headers.get('x-request-id')).toBe('am-retry-7');
    const made = await post({ version: '4' }, { authorization: `Bearer ${TOKEN}`, 'x-request-id': 'bad id with spaces' });
    const reqId = made.headers.get('x-request-id');
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
    const rejected = logger.entries.filter((e) => e.msg === 'notification rejected');
    expect(rejected).toEqual([
      expect.objectContaining({ component: 'http', reqId: 'am-retry-7', level: 'warn', code: 'invalid_payload' }),
      expect.objectContaining({ reqId }),
    ]);
  });

  it('answers before acting: the intent is on disk, the change comes after', async () => {
    await start({}, { SET_DELAY_MS: '400' });
    const res = await post(notification([makeAlert({ shadowfleet_action: 'scale_to', pool: 'web' }, { annotations: { target: '5' } })]));
    expect(res.status).toBe(200);
    const lines = readFileSync(intentLogPath({ dataDir: pools.dataDir }), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines[0]?.type).toBe('accepted');
    expect(lines.some((l) => l.type === 'finished')).toBe(false);
    expect(pools.sizes().web).toBe(2);
    await service.engine.idle();
    expect(pools.sizes().web).toBe(5);
  });

  it.each([
    ['no credentials', {}, 401, 'unauthorized'],
    ['a wrong token', { authorization: `Bearer ${TOKEN}x` }, 401, 'unauthorized'],
    ['basic auth when bearer is configured', { authorization: `Basic ${Buffer.from(`am:${TOKEN}`).toString('base64')}` }, 401, 'unauthorized'],
  ])('refuses %s', async (_name, headers, status, error) => {
    await start();
    const res = await post(notification([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })]), headers);
    expect(res.status).toBe(status);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(await res.json()).toMatchObject({ error });
    expect(service.engine.intents.size).toBe(0);
  });

  it('accepts basic auth when configured (Alertmanager http_config.basic_auth)', async () => {
    await start({ auth: { type: 'basic', username: 'alertmanager', password: 'a-long-password' } });
    const good = await post(notification([makeAlert({})]), { authorization: `Basic ${Buffer.from('alertmanager:a-long-password').toString('base64')}` });
    const bad = await post(notification([makeAlert({})]), { authorization: `Basic ${Buffer.from('alertmanager:wrong').toString('base64')}` });
    expect([good.status, bad.status]).toEqual([200, 401]);
  });

  it.each([
    ['a body that is not JSON', '{"receiver":', 'application/json', 400, 'invalid_json', 'body is not valid JSON'],
    ['another content type', 'receiver=x', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type', 'Content-Type must be application/json, got "application/x-www-form-urlencoded"'],
    ['a payload of the wrong version', JSON.stringify({ ...realPayload(), version: '3' }), 'application/json', 400, 'invalid_payload', 'version: must be "4"'],
    ['a body over bodyLimitBytes', JSON.stringify({ ...realPayload(), pad: 'x'.repeat(70 * 1024) }), 'application/json', 413, 'payload_too_large', 'body must be at most 65536 bytes (bodyLimitBytes)'],
  ])('answers %s with a clear error', async (_name, body, contentType, status, error, text) => {
    await start();
    const res = await post(body, { authorization: `Bearer ${TOKEN}` }, contentType);
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: string; message: string; details?: string[] };
    expect(json.error).toBe(error);
    expect([json.message, ...(json.details ?? [])].join('\n')).toContain(text);
  });

  it('refuses new notifications with 503 while draining, and finishes the running action first', async () => {
    await start({}, { SET_DELAY_MS: '300' });
    await post(notification([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })]));
    await new Promise((r) => setTimeout(r, 100));
    const stopping = service.stop(5000);
    const during = await post(notification([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })])).catch(() => undefined);
    expect(during === undefined || during.status === 503).toBe(true);
    expect(await stopping).toEqual({ finished: true, interrupted: 0, leftQueued: 0 });
    expect(pools.sizes().web).toBe(3);
  });

  it('exposes its own metrics: actions, skips by reason, latency, pool sizes', async () => {
    await start();
    await post(notification([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' }), makeAlert({ shadowfleet_action: 'grow', pool: 'web' })]));
    await service.engine.idle();
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).toContain('shadowfleet_webhook_actions_total{driver="command",pool="web",action="activate_shadow",outcome="applied"} 1');
    expect(text).toContain('shadowfleet_webhook_alerts_skipped_total{reason="unknown_action"} 1');
    expect(text).toContain('shadowfleet_webhook_action_duration_seconds_count{driver="command",action="activate_shadow"} 1');
    expect(text).toContain('shadowfleet_webhook_pool_units{pool="web",driver="command",state="active"} 3');
  });
});
