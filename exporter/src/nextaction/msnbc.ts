import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** The 17 page categories of the MSNBC.com anonymous web data, in file order (category 1 = index 0). */
export const MSNBC_CATEGORIES = [
  'frontpage', 'news', 'tech', 'local', 'opinion', 'on-air', 'misc', 'weather', 'msn-news',
  'health', 'living', 'business', 'msn-sports', 'sports', 'summary', 'bbs', 'travel',
] as const;

/**
 * Parses the msnbc990928.seq format (a `%`-comment header, a category-name line, then one
 * space-separated sequence of categories 1…17 per line) into 0-based sessions. Empty lines after the
 * `% Sequences:` marker are dropped, so the result is numbered as BENCHMARKS.md §2 asks.
 * `limit` keeps only the first N sessions.
 */
export function parseMsnbcSequences(text: string, limit = Infinity, source = 'input'): Uint8Array[] {
  const marker = text.indexOf('% Sequences:');
  if (marker < 0) throw new Error(`${source}: no "% Sequences:" header; is this msnbc990928.seq?`);
  const sessions: Uint8Array[] = [];
  let lineNo = text.slice(0, marker).split('\n').length;
  let start = text.indexOf('\n', marker) + 1;
  const values: number[] = [];
  while (start > 0 && start < text.length && sessions.length < limit) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    values.length = 0;
    let n = -1;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) n = (n < 0 ? 0 : n * 10) + (c - 48);
      else if (c === 32 || c === 13 || c === 9) {
        if (n >= 0) values.push(n);
        n = -1;
      } else throw new Error(`${source} line ${lineNo}: unexpected character ${JSON.stringify(text[i])}`);
    }
    if (n >= 0) values.push(n);
    if (values.length > 0) {
      const s = new Uint8Array(values.length);
      values.forEach((v, i) => {
        if (v < 1 || v > MSNBC_CATEGORIES.length) {
          throw new Error(`${source} line ${lineNo}: category must be in 1…${MSNBC_CATEGORIES.length}, got ${v}`);
        }
        s[i] = v - 1;
      });
      sessions.push(s);
    }
    start = end + 1;
  }
  return sessions;
}

/** Reads an msnbc .seq file, gzip-compressed or not. */
export function readMsnbcFile(file: string, limit = Infinity): Uint8Array[] {
  const raw = readFileSync(file);
  const text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('latin1');
  return parseMsnbcSequences(text, limit, file);
}
