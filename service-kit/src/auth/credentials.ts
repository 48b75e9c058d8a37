import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Compares secrets in constant time: both sides are hashed first, so neither content nor length leaks. */
export function safeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The credentials of an `Authorization` header: its scheme (lower case) and the rest, trimmed. */
export function parseAuthorization(header: string | undefined): { scheme: string; credentials: string } | undefined {
  const m = /^\s*(\S+)\s+(\S.*?)\s*$/.exec(header ?? '');
  return m ? { scheme: m[1]!.toLowerCase(), credentials: m[2]! } : undefined;
}

/**
 * Checks `Authorization: Bearer <token>` against `token` in constant time: `missing` when there is no
 * bearer credential, `invalid` when it does not match.
 */
export function checkBearer(header: string | undefined, token: string): 'ok' | 'missing' | 'invalid' {
  const auth = parseAuthorization(header);
  if (!auth || auth.scheme !== 'bearer' || /\s/.test(auth.credentials)) return 'missing';
  return safeEqual(auth.credentials, token) ? 'ok' : 'invalid';
}
