import { connect } from 'node:net';
import { parseConfig } from '../config/load';
import { startService, type RunningService } from '../service';
import { makeAlert, notification } from '../testing/alerts';
import { commandPool } from '../testing/command-pool';
import { webhookLogger } from '../util/logger';
import { WEBHOOK_TIMEOUTS } from './timeouts';

/** Issue 13's inputs against the real service: each is the sender's fault, so each gets a 4xx (Alertmanager does not retry it). */
const TOKEN = 'hostile-input-token-0123456789';
const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

describe('webhook: no 5xx for malformed input, bounded echoes', () => {
  let pools: ReturnType<typeof commandPool>;
  let service: RunningService;
  const lines: string[] = [];
  beforeAll(async () => {
    pools = commandPool({ web: 1 });
    const config = parseConfig({ port: 0, dataDir: pools.dataDir, auth: { type: 'bearer', token: TOKEN }, pools: { web: pools.pool('web') } });
    service = await startService({ config, logger: webhookLogger((l) => void lines.push(l)) });
  });
  afterAll(async () => {
    await service.stop(5000);
    pools.cleanup();
  });

  const post = (body: string | Buffer, contentType = 'application/json') =>
    fetch(`${service.url}/webhook`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${TOKEN}` }, body });

  it.each([
    ['[ × 5000 ] × 5000', 400, 'too_deep', deep(5000), /nest at most 64 deep; byte 64 opens level 65/],
    ['an alert label nested 5,000 deep', 400, 'too_deep', `{"version":"4","alerts":[{"labels":${deep(5000)}}]}`, /byte 96 opens level 65/],
    ['a label nested 60 deep (under the limit)', 400, 'invalid_payload', `{"version":"4","alerts":[{"labels":{"a":${deep(60)}}}]}`, /^not an Alertmanager webhook payload/],
    ['invalid UTF-8', 400, 'invalid_encoding', Buffer.concat([Buffer.from('{"version":"'), Buffer.from([0xff]), Buffer.from('"}')]), /^the body is not valid UTF-8 at byte 12$/],
    ['a lone surrogate escape', 400, 'invalid_encoding', '{"version":"4","receiver":"\\udc00"}', /escape at byte 27 is a lone surrogate/],
  ])('%s → %i %s', async (_name, status, error, body, message) => {
    const r = await post(body);
    const answer = (await r.json()) as { error: string; message: string };
    expect([r.status, answer.error]).toEqual([status, error]);
    expect(answer.message).toMatch(message);
  });

  it('answers 415 for a charset other than UTF-8', async () => {
    const r = await post(JSON.stringify(notification([])), 'application/json; charset=utf-32');
    expect(r.status).toBe(415);
    expect(await r.json()).toMatchObject({ error: 'unsupported_charset', message: 'charset "utf-32" is not supported: send JSON as UTF-8 (charset=utf-8 or no charset)' });
  });

  it('bounds label values echoed in answers and in logs (400 KB labels)', async () => {
    lines.length = 0;
    const huge = 'p'.repeat(400_000);
    const ok = await post(JSON.stringify(notification([makeAlert({ shadowfleet_action: 'activate_shadow', pool: huge }), makeAlert({ shadowfleet_action: huge, pool: 'web' })])));
    const answer = (await ok.json()) as { results: { reason: string; detail: string }[] };
    expect(answer.results.map((x) => x.reason)).toEqual(['unknown_pool', 'unknown_action']);
    for (const x of answer.results) expect(x.detail.length).toBeLessThan(200);
    const small = 'q'.repeat(60_000);
    const bad = await post(JSON.stringify({ ...notification([]), groupKey: small, alerts: [{ labels: { [small]: small } }] }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json()).length).toBeLessThan(4000);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.length).toBeLessThan(16 * 1024);
  });

  it('closes a connection whose headers never finish (headersTimeout is set)', async () => {
    const { hostname, port } = new URL(service.url);
    const socket = connect(Number(port), hostname);
    socket.on('error', () => undefined);
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    await new Promise((r) => socket.once('connect', r));
    socket.write(`POST /webhook HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\n`);
    expect(WEBHOOK_TIMEOUTS.headersMs).toBe(10_000);
    const closed = await Promise.race([new Promise((r) => socket.once('close', () => r('closed'))), new Promise((r) => setTimeout(() => r('open'), WEBHOOK_TIMEOUTS.headersMs + 20_000))]);
    expect(closed).toBe('closed');
    expect(answer).toMatch(/^HTTP\/1.1 408 /);
  }, 45_000);
});
