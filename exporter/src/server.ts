import type { Server } from 'node:http';
import express from 'express';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from './config';

export interface RunningExporter {
  readonly url: string;
  readonly registry: Registry;
  close(): Promise<void>;
}

/** Builds the express app. Routes are added per concern (ingest, profiles, …) from their own modules. */
export function createApp(_config: Config, registry: Registry): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return app;
}

export async function startExporter(config: Config): Promise<RunningExporter> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'shadowfleet_exporter_' });
  const app = createApp(config, registry);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host}:${port}`;
  process.stderr.write(`shadowfleet exporter listening on ${url}\n`);
  return {
    url,
    registry,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
