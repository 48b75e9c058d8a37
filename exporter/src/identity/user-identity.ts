import net from 'node:net';
import { MAP_WORD } from '@shadowfleet/haproxy-runtime';

/**
 * Who a request belongs to, as the load balancer sees it: a cookie, a request header, or the source
 * address. One setting (SHADOWFLEET_USER_IDENTITY) for every feature that maps HAProxy's requests to
 * the users of the exporter's events (the queue priority map; behaviour events from the access log),
 * so that the key HAProxy looks up is the `user_id` the events carry.
 */
export type UserIdentity = { readonly kind: 'cookie'; readonly name: string } | { readonly kind: 'header'; readonly name: string } | { readonly kind: 'source' };

export const DEFAULT_USER_IDENTITY = 'header:X-Shadowfleet-User';

/** Cookie and header names we put into haproxy.cfg sample fetches: no spaces, commas or parentheses. */
const NAME = /^[A-Za-z0-9_.!#$%&'*+^`|~-]{1,64}$/;
const FORMS = 'cookie:<name>, header:<name> or source';

/** Parses `cookie:<name>`, `header:<name>` or `source`; the error names the value and the accepted forms. */
export function parseUserIdentity(text: string): { ok: true; identity: UserIdentity } | { ok: false; message: string } {
  const t = text.trim();
  if (t === 'source') return { ok: true, identity: { kind: 'source' } };
  const m = /^(cookie|header):(.*)$/.exec(t);
  if (!m) return { ok: false, message: `must be ${FORMS}, got "${text}"` };
  const name = m[2];
  if (!NAME.test(name)) return { ok: false, message: `${m[1]} name must be 1–64 token characters (no spaces, commas or parentheses), got "${name}"` };
  return { ok: true, identity: m[1] === 'cookie' ? { kind: 'cookie', name } : { kind: 'header', name } };
}

/**
 * The HAProxy sample fetch that yields the user key: `req.cook(<name>)`, `req.fhdr(<name>)` (the whole
 * last value: `req.hdr` would split it at commas) or `src` (the client address as text, e.g. 10.0.0.5).
 */
export function haproxyUserFetch(identity: UserIdentity): string {
  switch (identity.kind) {
    case 'cookie':
      return `req.cook(${identity.name})`;
    case 'header':
      return `req.fhdr(${identity.name})`;
    case 'source':
      return 'src';
  }
}

/** Whether a user id can be looked up by HAProxy under this identity (one map word; an IP address for `source`). */
export function usableUserKey(identity: UserIdentity, userId: string): boolean {
  return identity.kind === 'source' ? net.isIP(userId) !== 0 : MAP_WORD.test(userId);
}

/** `cookie sid`, `header X-User`, `source address`: for logs and the API. */
export function describeUserIdentity(identity: UserIdentity): string {
  return identity.kind === 'source' ? 'source address' : `${identity.kind} ${identity.name}`;
}
