/** Default number of directory levels kept in an action: `/shuttle/missions/sts-70/x.html` → `/shuttle/missions`. */
export const DEFAULT_ACTION_DEPTH = 2;
const MAX_SEGMENT = 64;

function segments(url: string): { dirs: string[]; file: string | undefined; trailingSlash: boolean } {
  // eslint-disable-next-line no-control-regex
  const clean = url.replace(/[\u0000-\u001f\u007f]/g, '');
  const pathOnly = clean.replace(/^[a-z]+:\/\/[^/]*/i, '').split(/[?#]/, 1)[0]!;
  const parts = pathOnly.split('/').filter((s) => s !== '' && s !== '.');
  const trailingSlash = pathOnly.endsWith('/') || parts.length === 0;
  const last = parts[parts.length - 1];
  const file = !trailingSlash && last !== undefined && last.includes('.') ? last : undefined;
  return { dirs: file ? parts.slice(0, -1) : parts, file, trailingSlash };
}

/**
 * The action of a request URL: the path without query, lower-cased, cut to its first `depth`
 * directory levels, without the file name. Cardinality stays bounded by the site's top directories:
 * `/images/KSC-logosmall.gif` → `/images`, `/ksc.html` → `/`, `/cgi-bin/imagemap/countdown?1,2` →
 * `/cgi-bin/imagemap`.
 */
export function urlToAction(url: string, depth = DEFAULT_ACTION_DEPTH): string {
  const { dirs } = segments(url);
  const kept = dirs.slice(0, depth).map((s) => s.toLowerCase().slice(0, MAX_SEGMENT));
  return `/${kept.join('/')}`;
}

/**
 * The data type of a request URL: the file extension, lower-cased (`gif`, `html`); `dir` for a
 * directory (trailing slash), `none` for a path without extension, `other` for an odd extension.
 */
export function urlToDataType(url: string): string {
  const { file, trailingSlash } = segments(url);
  if (trailingSlash) return 'dir';
  if (!file) return 'none';
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  return /^[a-z0-9]{1,8}$/.test(ext) ? ext : 'other';
}
