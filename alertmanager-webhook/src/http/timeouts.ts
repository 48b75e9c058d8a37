import { createServer, type RequestListener, type Server } from 'node:http';

/**
 * Time limits for clients that connect and stall (docs/reliability.md). Notifications are small
 * (bodyLimitBytes, 1 MiB by default) and Alertmanager sends each at once, so the whole request must
 * arrive within REQUEST_MS: at the default limit that is a minimum average body rate of ~35 KB/s.
 * A stalled client holds one socket until then and nothing else (the webhook has no request slots).
 */
export const WEBHOOK_TIMEOUTS = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  /** How often Node checks the header and request deadlines (its default, 30 s, would make them lax). */
  checkEveryMs: 1_000,
} as const;

/** An HTTP server for `app` with these limits. */
export function createHttpServer(app: RequestListener): Server {
  const server = createServer({ headersTimeout: WEBHOOK_TIMEOUTS.headersMs, requestTimeout: WEBHOOK_TIMEOUTS.requestMs, connectionsCheckingInterval: WEBHOOK_TIMEOUTS.checkEveryMs }, app);
  server.keepAliveTimeout = WEBHOOK_TIMEOUTS.keepAliveMs;
  return server;
}
