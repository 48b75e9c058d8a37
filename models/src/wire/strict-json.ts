/**
 * Strict decoding of JSON request bodies, before any parse: the charset must be UTF-8, the bytes must
 * be valid UTF-8, `\u` escapes must not leave a lone surrogate (JSON.parse would accept it and the
 * string would be silently altered later), and arrays/objects may nest at most `maxDepth` deep (so no
 * later recursive step, a validator or an error message, can overflow the stack). Every refusal names
 * the byte offset; the caller answers 400 (415 for the charset).
 */
export const MAX_JSON_DEPTH = 64;

export type JsonBodyProblem =
  | { readonly code: 'unsupported_charset'; readonly message: string }
  | { readonly code: 'invalid_utf8' | 'lone_surrogate' | 'too_deep'; readonly message: string; readonly offset: number };

export type DecodedJsonText = { readonly ok: true; readonly text: string } | ({ readonly ok: false } & JsonBodyProblem);

/** The charset parameter of a Content-Type, lower-cased, or undefined when none is given. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType ?? '');
  return m ? m[2]!.toLowerCase() : undefined;
}

/** A message when the Content-Type names a charset other than UTF-8 (JSON is UTF-8: RFC 8259 §8.1). */
export function unsupportedCharset(contentType: string | undefined): string | undefined {
  const charset = charsetOf(contentType);
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return undefined;
  return `charset ${JSON.stringify(charset.slice(0, 40))} is not supported: send JSON as UTF-8 (charset=utf-8 or no charset)`;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Offset of the first byte that is not part of a valid UTF-8 sequence (no overlongs, no surrogates, ≤ U+10FFFF), or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

/**
 * Decodes a JSON body strictly (see the file comment) without parsing it. A leading UTF-8 byte order
 * mark is dropped, as RFC 8259 allows.
 */
export function decodeJsonText(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH): DecodedJsonText {
  let text: string;
  try {
    text = fatalUtf8.decode(bytes);
  } catch {
    const offset = invalidUtf8Offset(bytes);
    return { ok: false, code: 'invalid_utf8', offset, message: `the body is not valid UTF-8 at byte ${offset}` };
  }
  const at = scanJsonText(text, maxDepth);
  if (at === undefined) return { ok: true, text };
  const offset = utf8Length(text.slice(0, at.index)) + (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  return at.kind === 'depth'
    ? { ok: false, code: 'too_deep', offset, message: `arrays and objects may nest at most ${maxDepth} deep; byte ${offset} opens level ${maxDepth + 1}` }
    : { ok: false, code: 'lone_surrogate', offset, message: `the \\u escape at byte ${offset} is a lone surrogate (not a character); strings must be valid Unicode` };
}

const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LOWER_U = 0x75;

function escapedUnit(text: string, i: number): number {
  if (text.charCodeAt(i) !== BACKSLASH || text.charCodeAt(i + 1) !== LOWER_U) return -1;
  const hex = text.slice(i + 2, i + 6);
  return /^[0-9a-fA-F]{4}$/.test(hex) ? parseInt(hex, 16) : -1;
}

/** First nesting past `maxDepth` or lone-surrogate escape (string index), or undefined. Syntax errors are left to JSON.parse. */
function scanJsonText(text: string, maxDepth: number): { kind: 'depth' | 'surrogate'; index: number } | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === QUOTE) break;
        if (s !== BACKSLASH) continue;
        const unit = escapedUnit(text, i);
        if (unit >= 0xd800 && unit <= 0xdbff) {
          const low = escapedUnit(text, i + 6);
          if (low < 0xdc00 || low > 0xdfff) return { kind: 'surrogate', index: i };
          i += 11;
        } else if (unit >= 0xdc00 && unit <= 0xdfff) {
          return { kind: 'surrogate', index: i };
        } else {
          i++;
        }
      }
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > maxDepth) return { kind: 'depth', index: i };
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return undefined;
}
