import type { RequestHandler } from 'express';
import { checkBearer } from '@shadowfleet/service-kit';

/**
 * Bearer-token check for writes. The token is compared in constant time (both sides hashed first, so
 * the comparison does not leak the length either). `token` undefined means auth is off (--no-auth).
 */
export function requireBearer(token: string | undefined, onReject?: () => void): RequestHandler {
  if (token === undefined) return (_req, _res, next) => next();
  return (req, res, next) => {
    const check = checkBearer(req.get('authorization'), token);
    if (check === 'ok') {
      next();
      return;
    }
    onReject?.();
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="shadowfleet"')
      .json({
        error: 'unauthorized',
        message: check === 'invalid' ? 'the bearer token is not valid' : 'writes need an "Authorization: Bearer <token>" header (see SHADOWFLEET_AUTH_TOKEN)',
      });
  };
}
