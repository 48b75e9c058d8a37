/**
 * Malformed request bodies from a valid one, with a seeded generator so that a run can be repeated:
 * structural mutations (truncation, deleted fields, wrong types, prototype keys, deep nesting, long
 * strings) and byte-level ones (random bytes, invalid UTF-8, lone surrogate escapes), plus headers
 * that are wrong in ways a client can get wrong (content types, charsets).
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** mulberry32: small, fast and good enough to pick mutations. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nest = (n: number): Json => {
  let v: Json = [];
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

export const nasty: Json[] = [
  null, true, 0, -1, 1e308, -0, 3.5, '', 'x'.repeat(5000), '0001-01-01T00:00:00Z', '../../etc/passwd', '$(touch /tmp/pwned)', '\u0000\uffff', '-rf', '--help',
  [], {}, [1, 2], { __proto__: { polluted: true } } as Json, { constructor: { prototype: { polluted: true } } }, nest(40), 'é🙂\u202e',
];

/** All paths to values inside a JSON value. */
export function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

export interface FuzzRequest {
  readonly body: Buffer;
  readonly contentType: string;
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-32', 'application/json; charset=latin1', 'text/plain', 'application/json; charset="UTF-8"', 'application/x-ndjson'];

function splice(text: Buffer, at: number, insert: Buffer): Buffer {
  return Buffer.concat([text.subarray(0, at), insert, text.subarray(at)]);
}

/** One malformed (or, rarely, still valid) body derived from `base`. */
export function mutate(base: Json, rnd: () => number): FuzzRequest {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const contentType = rnd() < 0.9 ? CONTENT_TYPES[0]! : pick(CONTENT_TYPES);
  const text = Buffer.from(JSON.stringify(base));
  const kind = Math.floor(rnd() * 12);
  const bytes = (body: Buffer): FuzzRequest => ({ body, contentType });
  if (kind === 0) return bytes(text.subarray(0, Math.floor(rnd() * text.length)));
  if (kind === 1) return bytes(Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256))));
  if (kind === 2) return bytes(Buffer.from('['.repeat(2000 + Math.floor(rnd() * 8000))));
  if (kind === 3) return bytes(splice(text, Math.floor(rnd() * text.length), Buffer.from(pick([[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80]]))));
  const copy = JSON.parse(text.toString()) as Json;
  const target = pick(paths(copy).filter((p) => p.length > 0));
  let parent = copy as Record<string | number, Json>;
  for (const key of target.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = target.at(-1)!;
  if (kind === 4) delete parent[last];
  else if (kind === 5 || kind === 6) parent[last] = pick(nasty);
  else if (kind === 7) parent[last] = typeof parent[last] === 'string' ? `${parent[last]}${pick(['"', '\\', ' ', 'Z', '+99:99', '🙂'])}` : pick(nasty);
  else if (kind === 8) parent[last] = '\uFFFE-deep-';
  else if (kind === 9) parent[last] = 'L'.repeat(1000 + Math.floor(rnd() * 30_000));
  else if (kind === 10) (copy as Record<string, Json>)[pick(['__proto__', 'constructor', 'version', 'alerts', 'status', 'timestamp'])] = pick(nasty);
  else parent[last] = '\uFFFE-surrogate-';
  let out = JSON.stringify(copy);
  if (kind === 8) {
    const n = 1000 + Math.floor(rnd() * 5000);
    out = out.replace('"\uFFFE-deep-"', `${'['.repeat(n)}${']'.repeat(n)}`);
  }
  if (kind === 11) out = out.replace('\uFFFE', pick(['\\ud800', '\\udfff', '\\ud83d\\u0041', '\\uDBFF']));
  return bytes(Buffer.from(out));
}
