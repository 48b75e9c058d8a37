import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Bearer-token check for writes. The token is compared in constant time (both sides hashed first, so
 * the comparison does not leak the length either). `token` undefined means auth is off (--no-auth).
 */
export function requireBearer(token: string | undefined, onReject?: () => void): RequestHandler {
  if (token === undefined) return (_req, _res, next) => next();
  const expected = digest(token);
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (m && timingSafeEqual(digest(m[1]!), expected)) {
      next();
      return;
    }
    onReject?.();
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="shadowfleet"')
      .json({
        error: 'unauthorized',
        message: m ? 'the bearer token is not valid' : 'writes need an "Authorization: Bearer <token>" header (see SHADOWFLEET_AUTH_TOKEN)',
      });
  };
}
