import express, { type RequestHandler } from 'express';
import { decodeJsonText, MAX_JSON_DEPTH, unsupportedCharset } from '@shadowfleet/models/wire';

/**
 * express.json's replacement for small JSON bodies (policy, experiment segments): the same limit and
 * type matching, but strict (models/wire/strict-json.ts): another charset → 415, invalid UTF-8, a lone
 * surrogate or nesting deeper than `maxDepth` → 400 naming the byte offset, before JSON.parse.
 * Answers in the exporter's error shape `{error, message}`.
 */
export function strictJson(options: { readonly limit: number | string; readonly maxDepth?: number }): RequestHandler {
  const raw = express.raw({ type: 'application/json', limit: options.limit });
  const decode: RequestHandler = (req, res, next) => {
    if (!Buffer.isBuffer(req.body)) {
      req.body = undefined;
      return next();
    }
    const charset = unsupportedCharset(req.get('content-type'));
    if (charset) return void res.status(415).json({ error: 'unsupported_charset', message: charset });
    const decoded = decodeJsonText(req.body, options.maxDepth ?? MAX_JSON_DEPTH);
    if (!decoded.ok) return void res.status(decoded.code === 'unsupported_charset' ? 415 : 400).json({ error: decoded.code, message: decoded.message, ...('offset' in decoded ? { offset: decoded.offset } : {}) });
    try {
      req.body = decoded.text.trim() === '' ? undefined : (JSON.parse(decoded.text) as unknown);
    } catch (err) {
      return void res.status(400).json({ error: 'invalid_json', message: `the body is not valid JSON: ${(err as Error).message.slice(0, 200)}` });
    }
    next();
  };
  return (req, res, next) => raw(req, res, (err?: unknown) => (err ? next(err) : decode(req, res, next)));
}
