import { EXPLORE_PANE_ID, exploreUrl } from './exploreUrl';

/** Reads a link back the way Grafana 12 Explore does (schema version 1, `panes` JSON; see exploreUrl.ts). */
function parse(link: string) {
  const url = new URL(link, 'http://grafana.example');
  const panes = JSON.parse(url.searchParams.get('panes')!) as Record<string, { datasource: unknown; queries: Array<Record<string, unknown>>; range: { from: unknown; to: unknown } }>;
  return { path: url.pathname, schemaVersion: url.searchParams.get('schemaVersion'), panes };
}

describe('Explore links (Grafana 12 URL format, schemaVersion 1)', () => {
  it('opens /explore with one pane: the data source uid, each query with its refId, expr, data source and legend, and the range as strings', () => {
    const link = exploreUrl('prom-1', [{ expr: 'sum(rate(x{pool=~"$pool"}[$__rate_interval]))', legend: 'actual' }, { expr: 'max(y)' }], { fromMs: 1_700_000_000_000, toMs: 1_700_003_600_000 }, { pool: 'web' });
    const { path, schemaVersion, panes } = parse(link);
    expect(path).toBe('/explore');
    expect(schemaVersion).toBe('1');
    expect(Object.keys(panes)).toEqual([EXPLORE_PANE_ID]);
    expect(panes[EXPLORE_PANE_ID]).toEqual({
      datasource: 'prom-1',
      queries: [
        { refId: 'A', datasource: { type: 'prometheus', uid: 'prom-1' }, expr: 'sum(rate(x{pool=~"web"}[$__rate_interval]))', range: true, instant: false, legendFormat: 'actual' },
        { refId: 'B', datasource: { type: 'prometheus', uid: 'prom-1' }, expr: 'max(y)', range: true, instant: false },
      ],
      range: { from: '1700000000000', to: '1700003600000' },
    });
  });

  it('keeps a pane id Explore accepts as given: 3 characters of nanoid’s alphabet, not all digits', () => {
    expect(EXPLORE_PANE_ID).toMatch(/^[A-Za-z0-9_-]{3}$/);
    expect(EXPLORE_PANE_ID).not.toMatch(/^\d+$/);
  });

  it.each([
    [86400, 'now-24h'],
    [900, 'now-15m'],
    [45, 'now-45s'],
  ])('a chart of the last %i s opens Explore on %s..now', (seconds, from) => {
    expect(parse(exploreUrl('p', [{ expr: 'up' }], { lastSeconds: seconds })).panes[EXPLORE_PANE_ID]!.range).toEqual({ from, to: 'now' });
  });

  it('leaves Grafana’s globals for Explore and escapes the JSON in the query string', () => {
    const link = exploreUrl('p', [{ expr: 'avg_over_time(x[$__range:1m]) > 0 & "a"' }], { lastSeconds: 3600 });
    expect(link).not.toContain('"');
    expect(parse(link).panes[EXPLORE_PANE_ID]!.queries[0]!.expr).toBe('avg_over_time(x[$__range:1m]) > 0 & "a"');
  });
});
