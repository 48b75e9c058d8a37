import { parseConfig } from '../config/load';
import { startService, type RunningService } from '../service';
import { makeAlert, notification } from '../testing/alerts';
import { commandPool } from '../testing/command-pool';
import { ManualClock } from '../util/clock';
import { memoryLogger } from '@shadowfleet/service-kit/testing';
import type { IntentsPage } from '../intents/query';

const TOKEN = 'webhook-test-token-0123';
const READ = 'webhook-read-token-4567';
const T0 = Date.parse('2026-12-07T12:00:00Z');

describe('GET /v1/intents', () => {
  let pools: ReturnType<typeof commandPool>;
  let service: RunningService;
  let clock: ManualClock;

  async function start(over: Record<string, unknown> = {}) {
    pools = commandPool({ web: 2, api: 1 });
    clock = new ManualClock(T0);
    const config = parseConfig({ port: 0, dataDir: pools.dataDir, auth: { type: 'bearer', token: TOKEN }, readToken: READ, pools: { web: pools.pool('web'), api: pools.pool('api') }, ...over });
    service = await startService({ config, logger: memoryLogger(), clock });
  }
  afterEach(async () => {
    await service?.stop(5000);
    pools?.cleanup();
  });

  /** One set_hosts per (pool, target), a minute apart on the webhook's clock. */
  async function deliver(items: Array<[string, number]>) {
    for (const [pool, target] of items) {
      clock.advance(60_000);
      const res = await fetch(`${service.url}/webhook`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(notification([makeAlert({ shadowfleet_action: 'set_hosts', pool, tier: '2', target: String(target) })])),
      });
      expect(res.status).toBe(200);
      await service.engine.idle();
    }
  }
  const read = (query: string, token = READ) => fetch(`${service.url}/v1/intents${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const page = async (query: string) => {
    const res = await read(query);
    expect(res.status).toBe(200);
    return (await res.json()) as IntentsPage;
  };

  it('lists intents newest first with id, pool, action, from → to, outcome, dry-run flag and times; pages with next', async () => {
    await start({ dryRun: true });
    await deliver([['web', 4], ['api', 3], ['web', 5]]);
    const first = await page('?limit=2');
    expect(first.intents.map((i) => [i.pool, i.to])).toEqual([['web', 5], ['api', 3]]);
    expect(first.intents[0]).toMatchObject({ action: 'set_hosts', tier: 2, target: 5, from: 2, to: 5, dry_run: true, state: 'finished', outcome: 'dry_run', accepted_at: new Date(T0 + 180_000).toISOString() });
    expect(first.intents[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.next).toBe(first.intents[1]!.id);
    const second = await page(`?limit=2&cursor=${first.next}`);
    expect(second.intents.map((i) => [i.pool, i.to])).toEqual([['web', 4]]);
    expect(second.next).toBeUndefined();
  });

  it('filters by pool and by the time accepted (ms or RFC 3339, inclusive)', async () => {
    await start({ dryRun: true });
    await deliver([['web', 4], ['api', 3], ['web', 5]]);
    expect((await page('?pool=web')).intents.map((i) => i.to)).toEqual([5, 4]);
    expect((await page(`?from=${T0 + 120_000}`)).intents.map((i) => i.pool)).toEqual(['web', 'api']);
    expect((await page(`?from=2026-12-07T12:01:00Z&to=2026-12-07T12:02:00Z`)).intents.map((i) => i.to)).toEqual([3, 4]);
    expect((await page('?pool=api&to=' + (T0 + 60_000))).intents).toEqual([]);
  });

  it('answers 401 without the read token or the write credentials, and takes either', async () => {
    await start();
    await deliver([['web', 3]]);
    expect((await read('', '')).status).toBe(401);
    expect((await read('', 'not-the-token-at-all')).status).toBe(401);
    expect((await read('', READ)).status).toBe(200);
    expect((await read('', TOKEN)).status).toBe(200);
    // The read token does not let anyone post alerts.
    const post = await fetch(`${service.url}/webhook`, { method: 'POST', headers: { authorization: `Bearer ${READ}`, 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(401);
  });

  it.each([
    ['?limit=0', 'limit: must be >= 1'],
    ['?limit=9999', 'limit: must be <= 500'],
    ['?from=yesterday', 'from: must be ms since the epoch or an RFC 3339 time'],
    [`?from=${T0}&to=${T0 - 1}`, 'to: must not be before from'],
    ['?pool=Web!', 'pool: must be 1-63 characters'],
    ['?color=red', 'Unrecognized key: "color"'],
  ])('answers 400 invalid_query naming the field for %s', async (query, detail) => {
    await start();
    const res = await read(query);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; details: string[] };
    expect(body.error).toBe('invalid_query');
    expect(body.details.join('\n')).toContain(detail);
  });

  it('answers 400 for a cursor it does not hold', async () => {
    await start();
    const res = await read('?cursor=gone');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^cursor: no intent gone/);
  });

  it('refuses a read token equal to the write token', () => {
    expect(() => parseConfig({ auth: { type: 'bearer', token: TOKEN }, readToken: TOKEN, pools: { web: { driver: 'local', max: 2, options: { program: 'x' } } } })).toThrow(/readToken: must differ from the write token/);
  });
});
