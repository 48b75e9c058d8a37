import { parsePoolModel } from './schema';
import { poolLoadFilter, requireAttribution } from './serves';

const pool = (extra: Record<string, unknown> = {}) => ({ driver: 'local', max: 4, hostCapacity: 10, ...extra });
const model = (pools: Record<string, unknown>) => ({ complexityUnit: 'requests', pools });
const errorOf = (raw: unknown): string => {
  try {
    parsePoolModel(raw);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the model was accepted');
};

describe('which events a pool serves', () => {
  it('a single pool without serves takes every event, as before selectors existed', () => {
    const m = parsePoolModel(model({ web: pool() }));
    expect(poolLoadFilter(m, 'web')).toBeUndefined();
  });

  it('a pool with serves takes its values; the pool without serves takes everything else', () => {
    const m = parsePoolModel(model({ web: pool(), search: pool({ serves: { action: ['search', 'suggest'] } }), media: pool({ serves: { action: ['video'] } }) }));
    expect(poolLoadFilter(m, 'search')).toEqual({ field: 'action', values: ['search', 'suggest'], exclude: false });
    expect(poolLoadFilter(m, 'media')).toEqual({ field: 'action', values: ['video'], exclude: false });
    expect(poolLoadFilter(m, 'web')).toEqual({ field: 'action', values: ['search', 'suggest', 'video'], exclude: true });
    expect(() => poolLoadFilter(m, 'nope')).toThrow('pool nope is not in the pool model (web, search, media)');
  });

  it('selects by the backend that served the request (HAProxy %b)', () => {
    const m = parsePoolModel(model({ web: pool(), search: pool({ serves: { backend: ['search', 'search-eu'] } }) }));
    expect(poolLoadFilter(m, 'search')).toEqual({ field: 'backend', values: ['search', 'search-eu'], exclude: false });
  });

  it('selects by data_type too', () => {
    const m = parsePoolModel(model({ web: pool(), images: pool({ serves: { data_type: ['image'] } }) }));
    expect(poolLoadFilter(m, 'web')).toEqual({ field: 'data_type', values: ['image'], exclude: true });
  });

  it('several pools without any serves: a valid model (the webhook, the live A/B), but not one to size pools by their own load', () => {
    const m = parsePoolModel(model({ web: pool(), api: pool() }));
    const message = 'pools.api.serves: is required: with several pools each pool\'s resource manager sizes for the events it serves';
    expect(() => requireAttribution(m, 'pool model p.json')).toThrow(`invalid pool model p.json:\n  ${message}`);
    expect(() => poolLoadFilter(m, 'web')).toThrow(message);
    expect(() => requireAttribution(parsePoolModel(model({ web: pool() })))).not.toThrow();
    expect(() => requireAttribution(parsePoolModel(model({ web: pool(), a: pool({ serves: { action: ['a'] } }) })))).not.toThrow();
  });

  it.each([
    ['two pools claiming one value', { web: pool(), a: pool({ serves: { action: ['search'] } }), b: pool({ serves: { action: ['x', 'search'] } }) }, 'pools.b.serves.action.1: "search" is already served by pool a: each value routes to one pool'],
    ['two pools without serves', { web: pool(), api: pool(), search: pool({ serves: { action: ['search'] } }) }, 'pools.api.serves: is required: pool web already takes every event no other pool claims'],
    ['every pool with serves', { a: pool({ serves: { action: ['a'] } }), b: pool({ serves: { action: ['b'] } }) }, 'pools: exactly one pool must leave out serves'],
    ['two fields', { web: pool(), a: pool({ serves: { action: ['a'] } }), b: pool({ serves: { data_type: ['image'] } }) }, 'pools.b.serves.data_type: must select by the same event field as every pool: pools.a.serves selects by action'],
    ['serves on the only pool', { web: pool({ serves: { action: ['a'] } }) }, 'pools.web.serves: must be left out: the only pool serves every event'],
    ['no field', { web: pool(), a: pool({ serves: {} }) }, 'pools.a.serves: must name exactly one event field: action or data_type or backend'],
    ['both fields', { web: pool(), a: pool({ serves: { action: ['a'], data_type: ['b'] } }) }, 'pools.a.serves: must name exactly one event field'],
    ['an unknown field', { web: pool(), a: pool({ serves: { path: ['/a'] } }) }, 'pools.a.serves.path: is not a known field'],
    ['an empty list', { web: pool(), a: pool({ serves: { action: [] } }) }, 'pools.a.serves.action: must list at least one value'],
    ['an empty value', { web: pool(), a: pool({ serves: { action: [''] } }) }, 'pools.a.serves.action.0: must be a non-empty value'],
    ['a repeated value', { web: pool(), a: pool({ serves: { action: ['a', 'a'] } }) }, 'pools.a.serves.action: must not list a value twice'],
  ])('rejects %s, naming the field', (_name, pools, message) => {
    expect(errorOf(model(pools))).toContain(message);
  });
});
