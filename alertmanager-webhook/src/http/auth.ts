import type { RequestHandler } from 'express';
import { checkBearer, parseAuthorization, safeEqual } from '@shadowfleet/service-kit';
import type { AuthConfig } from '../config/schema';
import { HttpError } from './errors';

export function checkAuthorization(header: string | undefined, auth: AuthConfig): boolean {
  if (auth.type === 'none') return true;
  if (auth.type === 'bearer') return checkBearer(header, auth.token) === 'ok';
  const given = parseAuthorization(header);
  if (given?.scheme !== 'basic') return false;
  const decoded = Buffer.from(given.credentials, 'base64').toString('utf8');
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

/**
 * Reads (GET /v1/intents): the read token (`readToken`), or the write credentials (whoever may post alerts
 * may read what they did). With `auth.type` "none" and no read token, reads are open too.
 */
export function requireReadAuth(auth: AuthConfig, readToken: string | undefined): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization;
    if (readToken !== undefined && checkBearer(header, readToken) === 'ok') return next();
    if ((auth.type !== 'none' || readToken === undefined) && checkAuthorization(header, auth)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="shadowfleet-webhook"');
    next(new HttpError('unauthorized', 'credentials required: send the read token (SHADOWFLEET_WEBHOOK_READ_TOKEN) as Authorization: Bearer …'));
  };
}
