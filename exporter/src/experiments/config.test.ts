import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkArmPools, experimentsOf, parseLiveExperimentConfig, readLiveExperimentConfig } from './config';

const valid = {
  haproxy_socket: '/run/haproxy/admin.sock',
  webhook: { url: 'http://127.0.0.1:9095' },
  pools_file: '/etc/shadowfleet/pools.json',
  exporter: { url: 'http://127.0.0.1:9464' },
  arms: [
    { pool: 'pool_a', strategy: 'hpa' },
    { pool: 'pool_b', backend: 'web_b', strategy: 'tiered' },
    { pool: 'pool_c', strategy: 'fixed', hosts: 2 },
  ],
  capacity_per_host: 420,
  minutes: 120,
};

/** The valid config with one field replaced (a path of keys and indices). */
function withField(at: Array<string | number>, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
  let node = copy as Record<string | number, unknown>;
  for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = at[at.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

describe('live experiment config', () => {
  it('fills the defaults and pairs every other arm with the first', () => {
    const c = parseLiveExperimentConfig(valid);
    expect(c).toMatchObject({ segment_minutes: 5, min_segments: 7, slo_margin: 0.02, minute_ms: 60_000, cold_start_minutes: 5, shadow_cost: 0.1 });
    expect(experimentsOf(c)).toEqual([
      { id: 'pool_b-vs-pool_a', name: 'live: tiered (pool_b) vs hpa (pool_a)', control: 'pool_a', treatment: 'pool_b' },
      { id: 'pool_c-vs-pool_a', name: 'live: fixed 2 host(s) (pool_c) vs hpa (pool_a)', control: 'pool_a', treatment: 'pool_c' },
    ]);
  });

  it.each([
    [['arms', 1, 'strategy'], 'best', 'arms.1.strategy: must be one of tiered, hpa'],
    [['arms', 0, 'backend'], 'a2;shutdown sessions server', 'arms.0.backend: must be an HAProxy name'],
    [['arms', 0, 'pool'], 'Pool A', 'arms.0.pool: must be a pool name of the pool model'],
    [['arms', 1, 'pool'], 'pool_a', 'arms.1.pool: "pool_a" is listed twice'],
    [['arms', 1, 'backend'], 'pool_a', 'arms.1.backend: "pool_a" is measured for another arm too'],
    [['arms', 0, 'servers'], ['a1'], 'arms.0.servers: is not a known field'],
    [['webhook'], undefined, 'webhook: is required'],
    [['webhook', 'url'], 'ftp://hooks', 'webhook.url: must be an http(s) URL of the webhook'],
    [['pools_file'], undefined, 'pools_file: is required'],
    [['arms', 2, 'hosts'], undefined, 'arms.2.hosts: is required for strategy "fixed"'],
    [['arms', 2, 'hosts'], 0, 'arms.2.hosts: must be ≥ 1'],
    [['arms'], [valid.arms[0]], 'arms: must list at least 2 arms'],
    [['capacity_per_host'], -3, 'capacity_per_host: must be > 0'],
    [['minutes'], undefined, 'minutes: is required'],
    [['haproxy_socket'], undefined, 'haproxy_socket: is required'],
    [['exporter', 'url'], 'file:///etc/passwd', 'exporter.url: must be an http(s) URL of the exporter'],
    [['segment_minutes'], 500, 'segment_minutes: must be ≤ minutes (120)'],
    [['experiments'], [{ id: 'x', control: 'pool_a', treatment: 'pool_z' }], 'experiments.0.treatment: "pool_z" is not an arm\'s pool (pool_a, pool_b, pool_c)'],
    [['experiments'], [{ id: 'x y', control: 'pool_a', treatment: 'pool_b' }], 'experiments.0.id: must be 1–64 letters'],
    [['slo_margin'], 2, 'slo_margin: must be ≤ 1'],
    [['socket'], '/tmp/typo.sock', 'socket: is not a known field'],
  ])('names the bad field %p = %p', (at, value, message) => {
    expect(() => parseLiveExperimentConfig(withField(at, value), 'ab.json')).toThrow(`ab.json: `);
    expect(() => parseLiveExperimentConfig(withField(at, value), 'ab.json')).toThrow(message);
  });

  it('reads a file, and says when it cannot', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-live-config-'));
    try {
      const file = path.join(dir, 'ab.json');
      writeFileSync(file, JSON.stringify({ ...valid, exporter: { ...valid.exporter, token_file: 'token' }, webhook: { ...valid.webhook, token_file: 'hook-token' }, pools_file: 'pools.json', history: { file: '/data/rates.csv' } }));
      const c = readLiveExperimentConfig(file);
      expect(c.arms).toHaveLength(3);
      // Relative paths are from the config file's folder.
      expect([c.exporter.token_file, c.webhook.token_file, c.pools_file, c.history?.file]).toEqual([path.join(dir, 'token'), path.join(dir, 'hook-token'), path.join(dir, 'pools.json'), '/data/rates.csv']);
      writeFileSync(file, '{ "arms": [');
      expect(() => readLiveExperimentConfig(file)).toThrow(`--config ${file}: not JSON`);
      expect(() => readLiveExperimentConfig(path.join(dir, 'missing.json'))).toThrow('cannot read it (ENOENT)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks each arm against the pool model the webhook reads: declared, and measured where its driver acts', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-live-pools-'));
    try {
      const poolsFile = path.join(dir, 'pools.json');
      const haproxyPool = (backend: string) => ({ driver: 'haproxy', options: { socket: '/run/haproxy/admin.sock', backend, servers: ['h1', 'h2'] }, max: 2 });
      const model = (pools: Record<string, unknown>) => writeFileSync(poolsFile, JSON.stringify({ complexityUnit: 'requests', pools }));
      const c = parseLiveExperimentConfig({ ...valid, pools_file: poolsFile });
      model({ pool_a: haproxyPool('pool_a'), pool_b: haproxyPool('web_b'), pool_c: { driver: 'local', max: 3 } });
      expect(Object.keys(checkArmPools(c).pools)).toEqual(['pool_a', 'pool_b', 'pool_c']);
      model({ pool_a: haproxyPool('pool_a'), pool_b: haproxyPool('pool_b'), pool_c: { driver: 'local', max: 3 } });
      expect(() => checkArmPools(c)).toThrow('arms.1.backend: the pool model drives HAProxy backend "pool_b" for pool pool_b but the arm is measured on "web_b"');
      model({ pool_a: haproxyPool('pool_a') });
      expect(() => checkArmPools(c)).toThrow(`arms.1.pool: "pool_b" is not a pool of ${poolsFile} (it has pool_a)`);
      model({ pool_a: { driver: 'local', max: 0 } });
      expect(() => checkArmPools(c)).toThrow('pools.pool_a.max: must be >= 1');
      writeFileSync(poolsFile, '{');
      expect(() => checkArmPools(c)).toThrow(`pools_file ${poolsFile}: not JSON`);
      expect(() => checkArmPools({ ...c, pools_file: path.join(dir, 'none.json') })).toThrow('cannot read it (ENOENT)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
