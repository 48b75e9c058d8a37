import net from 'node:net';
import { MAP_WORD } from '@shadowfleet/haproxy-runtime';

/**
 * Where HAProxy takes the user of a request from: a cookie, a request header, or the client address.
 * The same shape as `HaproxyUserSource` of the behaviour events from HAProxy's access log
 * (exporter/src/ingest/haproxy/log-line.ts, being built alongside), so that both features can read this one
 * setting: the key HAProxy looks up in the priority map must be the `user_id` the events carry.
 */
export type UserIdentity = { readonly cookie: string } | { readonly header: string } | 'source';

/** The cookie the shipped haproxy.cfg reads the user from (the access-log events use the same one). */
export const DEFAULT_USER_IDENTITY = 'cookie:sf_uid';

/** Cookie and header names are RFC 7230 tokens; anything else could break out of the haproxy.cfg line. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
const FORMS = 'cookie:<name>, header:<name> or source';

/** Parses SHADOWFLEET_USER_IDENTITY: `cookie:<name>`, `header:<name>` or `source`; the error names the value and the forms. */
export function parseUserIdentity(text: string): { ok: true; identity: UserIdentity } | { ok: false; message: string } {
  const t = text.trim();
  if (t === 'source') return { ok: true, identity: 'source' };
  const m = /^(cookie|header):(.*)$/.exec(t);
  if (!m) return { ok: false, message: `must be ${FORMS}, got "${text}"` };
  const name = m[2];
  if (!TOKEN.test(name)) return { ok: false, message: `the user ${m[1]} name must be a token of 1..64 letters, digits or !#$%&'*+.^_\`|~-, got "${name}"` };
  return { ok: true, identity: m[1] === 'cookie' ? { cookie: name } : { header: name } };
}

/**
 * The HAProxy sample fetch that yields the user key: `req.cook(<name>)`, `req.fhdr(<name>)` (the whole
 * last value: `req.hdr` would split it at commas) or `src` (the client address as text, e.g. 10.0.0.5).
 */
export function haproxyUserFetch(identity: UserIdentity): string {
  if (identity === 'source') return 'src';
  return 'cookie' in identity ? `req.cook(${identity.cookie})` : `req.fhdr(${identity.header})`;
}

/** Whether a user id can be looked up by HAProxy under this identity (one map word; an IP address for `source`). */
export function usableUserKey(identity: UserIdentity, userId: string): boolean {
  return identity === 'source' ? net.isIP(userId) !== 0 : MAP_WORD.test(userId);
}

/** `cookie sf_uid`, `header X-User`, `source address`: for logs and the API. */
export function describeUserIdentity(identity: UserIdentity): string {
  if (identity === 'source') return 'source address';
  return 'cookie' in identity ? `cookie ${identity.cookie}` : `header ${identity.header}`;
}
