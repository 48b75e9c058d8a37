import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { AuthConfig } from '../config/schema';
import { HttpError } from './errors';

/** Compares secrets in constant time: both sides are hashed to equal length first. */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function checkAuthorization(header: string | undefined, auth: AuthConfig): boolean {
  if (auth.type === 'none') return true;
  if (!header) return false;
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (auth.type === 'bearer') return scheme === 'bearer' && safeEqual(value, auth.token);
  if (scheme !== 'basic') return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  // Evaluate both comparisons so the time does not reveal which part was wrong.
  const userOk = safeEqual(decoded.slice(0, colon), auth.username);
  const passOk = safeEqual(decoded.slice(colon + 1), auth.password);
  return userOk && passOk;
}

/** Alertmanager's `http_config` sends `authorization` (bearer) or `basic_auth`; both are checked here. */
export function requireAuth(auth: AuthConfig): RequestHandler {
  const challenge = auth.type === 'basic' ? 'Basic realm="shadowfleet-webhook"' : 'Bearer realm="shadowfleet-webhook"';
  return (req, res, next) => {
    if (checkAuthorization(req.headers.authorization, auth)) return next();
    res.setHeader('WWW-Authenticate', challenge);
    next(new HttpError('unauthorized', `credentials required: configure ${auth.type === 'basic' ? 'basic_auth' : 'authorization (type Bearer)'} in the Alertmanager receiver's http_config`));
  };
}
