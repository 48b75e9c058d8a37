import { locationUtil, urlUtil } from '@grafana/data';
import { interpolateVars, type QueryVars, type Range } from './prometheus';

/**
 * A link that opens Grafana Explore with a chart's PromQL, its data source and its time range, in the
 * URL format of Grafana 12 Explore (schema version 1). It is what Grafana's own panel menu builds in
 * `getExploreUrl` (public/app/core/utils/explore.ts):
 *   urlUtil.renderUrl('/explore', { panes: JSON.stringify({ [paneId]: { range, queries, datasource } }), schemaVersion: 1 })
 * and what `v1Migrator.parse` (public/app/features/explore/hooks/useStateSync/migrators/v1.ts) accepts:
 * `panes` is JSON keyed by pane id — exactly 3 characters of nanoid's alphabet, not all digits (any other
 * id is replaced) — each pane with `datasource` (a uid string), `queries` (an array) and `range` whose
 * `from` and `to` are strings (else the default range, now-1h..now, is used).
 */
export const EXPLORE_PANE_ID = 'sfa';

export interface ExploreQuery {
  expr: string;
  legend?: string;
}

/** `now-24h` style for a span ending now (as a dashboard's relative range), else epoch ms strings (Grafana's `toURLRange`). */
export type ExploreRange = { lastSeconds: number } | Range;

function urlRange(range: ExploreRange): { from: string; to: string } {
  if ('lastSeconds' in range) {
    const s = range.lastSeconds;
    return { from: s % 3600 === 0 ? `now-${s / 3600}h` : s % 60 === 0 ? `now-${s / 60}m` : `now-${s}s`, to: 'now' };
  }
  return { from: String(Math.round(range.fromMs)), to: String(Math.round(range.toMs)) };
}

/**
 * Explore's URL for `queries` on the Prometheus data source `uid`. The page's own variables (`$pool`,
 * `$horizon`) are filled in, as Grafana interpolates a panel's scoped variables before linking; Grafana's
 * globals (`$__rate_interval`, `$__range`) are left for Explore, which fills them itself.
 */
export function exploreUrl(uid: string, queries: ExploreQuery[], range: ExploreRange, vars: QueryVars = {}): string {
  const pane = {
    datasource: uid,
    queries: queries.map((q, i) => ({
      refId: String.fromCharCode(65 + i),
      datasource: { type: 'prometheus', uid },
      expr: interpolateVars(q.expr, vars),
      range: true,
      instant: false,
      ...(q.legend ? { legendFormat: q.legend } : {}),
    })),
    range: urlRange(range),
  };
  return locationUtil.assureBaseUrl(urlUtil.renderUrl('/explore', { panes: JSON.stringify({ [EXPLORE_PANE_ID]: pane }), schemaVersion: 1 }));
}
