import type { z } from 'zod';

/**
 * A fast path derived from a zod schema, for the common case of a valid record: `compileFastParse`
 * walks the schema's definition once and builds plain closures for the parts ingest uses (strict or
 * plain objects, strings and numbers with length/range/integer checks, booleans, optional, nullable,
 * unions, transforms). It answers either the same output zod would give or FAIL; on FAIL the caller
 * runs zod itself, which stays the only source of what is valid and of every error message. A schema
 * part it does not know makes the whole compile give up (undefined), so nothing is ever guessed.
 */
export const FAIL: unique symbol = Symbol('fast-parse: not accepted, ask zod');

export type FastParse<T> = (value: unknown) => T | typeof FAIL;
type Node = (value: unknown) => unknown;

class Unsupported extends Error {}

/** Internals every zod 4 schema and check carries (`_zod.def`). */
interface Def {
  readonly type?: string;
  readonly check?: string;
  readonly coerce?: boolean;
  readonly checks?: ReadonlyArray<{ readonly _zod: { readonly def: Def } }>;
  readonly when?: unknown;
  readonly [key: string]: unknown;
}
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

export function compileFastParse<S extends z.ZodType>(schema: S): FastParse<z.output<S>> | undefined {
  try {
    const node = compile(schema);
    return node as FastParse<z.output<S>>;
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

/** Definition keys of a plain string, number or boolean (formats such as z.email() carry more). */
const PLAIN_KEYS = new Set(['type', 'checks', 'coerce', 'error']);

function compile(schema: unknown): Node {
  const def = defOf(schema);
  if (def.coerce) throw new Unsupported('coercion');
  if (def.type === 'string' || def.type === 'number' || def.type === 'boolean') {
    const extra = Object.keys(def).find((k) => !PLAIN_KEYS.has(k));
    if (extra !== undefined) throw new Unsupported(`${def.type} with ${extra}`);
  }
  switch (def.type) {
    case 'string':
      return guarded((v) => typeof v === 'string', checks(def, 'string'));
    case 'number':
      return guarded((v) => typeof v === 'number' && Number.isFinite(v), checks(def, 'number'));
    case 'boolean':
      return guarded((v) => typeof v === 'boolean', checks(def, 'boolean'));
    case 'optional': {
      const inner = compile(def.innerType);
      return (v) => (v === undefined ? undefined : inner(v));
    }
    case 'nullable': {
      const inner = compile(def.innerType);
      return (v) => (v === null ? null : inner(v));
    }
    case 'union':
      return union((def.options as unknown[]).map(compile));
    case 'pipe': {
      const first = compile(def.in);
      const then = compile(def.out);
      return (v) => {
        const mid = first(v);
        return mid === FAIL ? FAIL : then(mid);
      };
    }
    case 'transform':
      return transform(def.transform as (v: unknown, ctx: unknown) => unknown);
    case 'object':
      return object(def);
    default:
      throw new Unsupported(`schema type ${def.type}`);
  }
}

function guarded(isType: (v: unknown) => boolean, tests: ReadonlyArray<(v: never) => boolean>): Node {
  return (v) => {
    if (!isType(v)) return FAIL;
    for (const test of tests) if (!test(v as never)) return FAIL;
    return v;
  };
}

/** The checks zod keeps on a string or number (`.min`, `.max`, `.int`, …) as plain tests. */
function checks(def: Def, kind: string): Array<(v: never) => boolean> {
  return (def.checks ?? []).map((c) => {
    const d = c._zod.def;
    const test = checkTest(d, kind);
    if (typeof d.when !== 'function') return test;
    // zod runs such a check only when `when` says so (e.g. length checks need a value with a length).
    const when = d.when as (payload: { value: unknown; issues: unknown[] }) => boolean;
    const payload: { value: unknown; issues: unknown[] } = { value: undefined, issues: [] }; // reused: no allocation per value
    return (v: never) => {
      payload.value = v;
      return !when(payload) || test(v);
    };
  });
}

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

function checkTest(d: Def, kind: string): (v: never) => boolean {
  // zod measures strings in code points (one or two UTF-16 units): accepted here only where the
  // UTF-16 length settles it; zod counts the rest.
  if (kind === 'string' && d.check === 'min_length') {
    const min = d.minimum as number;
    return (v: string) => v.length >= 2 * min || (v.length >= min && !HIGH_SURROGATE.test(v));
  }
  if (kind === 'string' && d.check === 'max_length') return (v: string) => v.length <= (d.maximum as number);
  if (kind === 'number' && d.check === 'greater_than') {
    const bound = d.value as number;
    return d.inclusive ? (v: number) => v >= bound : (v: number) => v > bound;
  }
  if (kind === 'number' && d.check === 'less_than') {
    const bound = d.value as number;
    return d.inclusive ? (v: number) => v <= bound : (v: number) => v < bound;
  }
  if (kind === 'number' && d.check === 'number_format' && d.format === 'safeint') return (v: number) => Number.isSafeInteger(v);
  throw new Unsupported(`${kind} check ${d.check}`);
}

/** zod's union: the first option that accepts the value gives the output. */
function union(options: Node[]): Node {
  return (v) => {
    for (const option of options) {
      const out = option(v);
      if (out !== FAIL) return out;
    }
    return FAIL;
  };
}

/** Runs the schema's own transform; any issue it adds (or anything it throws, or a promise) is left to zod. */
function transform(fn: (v: unknown, ctx: unknown) => unknown): Node {
  // One context, reset per value (no allocation per record); an issue added to it means FAIL.
  const ctx = { value: undefined as unknown, issues: [] as unknown[], addIssue: (issue: unknown) => void ctx.issues.push(issue) };
  return (v) => {
    ctx.value = v;
    ctx.issues.length = 0;
    let out: unknown;
    try {
      out = fn(v, ctx);
    } catch {
      return FAIL;
    }
    return ctx.issues.length > 0 || out instanceof Promise ? FAIL : out;
  };
}

/**
 * An object node as one generated function (the way zod's own fast path is built): property names
 * are the schema's own keys (quoted with JSON.stringify), so reads and writes are plain named
 * accesses; the field nodes are passed in as arguments. Output keys follow zod: a key the input lacks
 * is left out, unless its schema gives a value for it.
 */
function object(def: Def): Node {
  const catchall = def.catchall === undefined ? undefined : defOf(def.catchall).type;
  if (catchall !== undefined && catchall !== 'never') throw new Unsupported(`object catchall ${catchall}`);
  const keys = Object.keys(def.shape as Record<string, unknown>);
  const nodes = keys.map((key) => compile((def.shape as Record<string, unknown>)[key]));
  const q = keys.map((key) => JSON.stringify(key));
  const body = [
    "if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;",
    catchall === 'never' ? `for (const k in v) { if (!hasOwn(v, k)) continue; switch (k) { ${q.map((k) => `case ${k}:`).join(' ')} break; default: return FAIL; } }` : '',
    ...q.map((k, i) => `const o${i} = f[${i}](v[${k}]); if (o${i} === FAIL) return FAIL;`),
    'const out = {};',
    ...q.map((k, i) => `if (o${i} !== undefined || hasOwn(v, ${k})) out[${k}] = o${i};`),
    'return out;',
  ].join('\n');
  const make = new Function('f', 'FAIL', 'hasOwn', `return function parseObject(v) {\n${body}\n};`) as (f: Node[], fail: typeof FAIL, hasOwn: (o: object, k: string) => boolean) => Node;
  return make(nodes, FAIL, Object.hasOwn);
}
