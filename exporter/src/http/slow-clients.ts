import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';

/**
 * Time limits that cut off clients which connect and then stall (slowloris, or a stuck batch job),
 * so that they hold neither sockets nor a share of the write budget for long. Named constants,
 * documented in docs/reliability.md.
 */
export const HTTP_TIMEOUTS = {
  /** All request headers must arrive within this (Node's headersTimeout). */
  headersMs: 10_000,
  /** The whole request, headers and body, must arrive within this (Node's requestTimeout). */
  requestMs: 120_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: 5_000,
  /** While a body is being read: no byte for this long ends the request (408). */
  bodyIdleMs: 10_000,
  /** After this grace, a body must arrive at MIN_BODY_BYTES_PER_SECOND on average (408 otherwise). */
  bodyRateGraceMs: 5_000,
  minBodyBytesPerSecond: 1024,
  /** How often body progress, and (by Node) the header and request deadlines, are checked. */
  checkEveryMs: 1_000,
} as const;

export type HttpTimeouts = { -readonly [K in keyof typeof HTTP_TIMEOUTS]: number };

/** An HTTP server for `app` with the header, request and keep-alive timeouts (checked every `checkEveryMs`, not Node's 30 s). */
export function createHttpServer(app: RequestListener, t: HttpTimeouts = HTTP_TIMEOUTS): Server {
  const server = createServer({ headersTimeout: t.headersMs, requestTimeout: t.requestMs, connectionsCheckingInterval: t.checkEveryMs }, app);
  server.keepAliveTimeout = t.keepAliveMs;
  return server;
}

/**
 * Watches one request's body: ends it with 408 (and closes the connection) when no byte comes for
 * `bodyIdleMs`, or when after `bodyRateGraceMs` the average rate is below `minBodyBytesPerSecond`.
 * `onBytes` sees every chunk as it arrives (for a shared byte budget). Returns a stop function; it
 * also stops by itself when the body is complete or the request closes.
 */
export function watchBody(req: IncomingMessage, res: ServerResponse, onBytes: (n: number) => void, t: HttpTimeouts = HTTP_TIMEOUTS, now: () => number = Date.now): () => void {
  const started = now();
  let last = started;
  let received = 0;
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    last = now();
    onBytes(chunk.length);
  };
  const cutOff = (why: string) => {
    stop();
    if (!res.headersSent) {
      res.statusCode = 408;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('connection', 'close');
      res.end(JSON.stringify({ error: 'request_timeout', message: why }));
    }
    req.socket.destroySoon();
  };
  const timer = setInterval(() => {
    const at = now();
    if (at - last >= t.bodyIdleMs) return cutOff(`no body bytes for ${Math.round((at - last) / 1000)} s (limit ${t.bodyIdleMs / 1000} s); the request was dropped`);
    const elapsed = at - started;
    const rate = (received * 1000) / elapsed;
    if (elapsed >= t.bodyRateGraceMs && rate < t.minBodyBytesPerSecond) {
      cutOff(`the body arrives at ${Math.round(rate)} bytes/s, below the minimum ${t.minBodyBytesPerSecond} bytes/s; the request was dropped`);
    }
  }, t.checkEveryMs);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    req.off('data', onData);
    req.off('end', stop);
    req.off('close', stop);
  };
  req.on('data', onData);
  req.once('end', stop);
  req.once('close', stop);
  return stop;
}
