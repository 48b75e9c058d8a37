import { ALL_POOLS, pickedPool, poolRegex } from './poolVar';
import { interpolate } from './prometheus';

describe('the pool variable', () => {
  it('All is .*; a pool is matched literally', () => {
    expect(poolRegex(ALL_POOLS)).toBe('.*');
    expect(poolRegex('web')).toBe('web');
    expect(poolRegex('web.eu-1')).toBe('web\\.eu-1');
    expect(pickedPool(ALL_POOLS)).toBeUndefined();
    expect(pickedPool('web')).toBe('web');
  });

  it('fills {pool=~"$pool"} as Grafana would send it', () => {
    expect(interpolate('sum(x{pool=~"$pool"})', { vars: { pool: poolRegex('web.eu') } })).toBe('sum(x{pool=~"web\\.eu"})');
    expect(() => interpolate('sum(x{pool=~"$pool"})')).toThrow('query variable $pool has no value');
  });
});
