/**
 * The pool variable, Grafana's way: kept in the URL as `var-pool` (dashboards' `var-<name>` convention),
 * `$__all` for "All" (Grafana's URL value for it), and substituted into `{pool=~"$pool"}` selectors. The
 * provisioned dashboards' `pool` variable has `includeAll` with `allValue: ".*"`, so All is `.*` there too.
 */
export const POOL_URL_PARAM = 'var-pool';
export const ALL_POOLS = '$__all';

/** A regex metacharacter in a pool name ("web.eu") is matched literally, as Grafana escapes a variable's value for `=~`. */
const escapeRegex = (text: string) => text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

/** What `$pool` becomes in a query: `.*` for All, else the pool name as a literal regex. */
export function poolRegex(value: string): string {
  return value === ALL_POOLS || value === '' ? '.*' : escapeRegex(value);
}

/** The picked pool, or undefined for All (for filtering things that are not PromQL, e.g. decisions). */
export function pickedPool(value: string): string | undefined {
  return value === ALL_POOLS || value === '' ? undefined : value;
}
