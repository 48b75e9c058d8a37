import http from 'node:http';

export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** Where and how bodies are posted: POST /v1/events NDJSON answered 201 by default. */
export interface PostTarget {
  readonly token: string;
  readonly path?: string;
  readonly contentType?: string;
  /** The status of an accepted body (201 for /v1/events, 200 for /v1/logs). */
  readonly okStatus?: number;
}

/** One POST over a keep-alive agent; resolves with the status once the answer has been read. */
function postOnce(agent: http.Agent, url: URL, body: Buffer, target: PostTarget): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: target.path ?? '/v1/events',
        method: 'POST',
        agent,
        headers: { 'content-type': target.contentType ?? 'application/x-ndjson', 'content-length': body.length, authorization: `Bearer ${target.token}` },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

/**
 * Posts every body with `clients` concurrent keep-alive connections; each batch is durable when
 * acknowledged. The client is node:http (fetch/undici took about 3x the client CPU per event, which on
 * 2 shared cores is taken from the exporter).
 */
export async function postAll(baseUrl: string, bodies: Buffer[], clients: number, target: PostTarget) {
  const url = new URL(baseUrl);
  const ok = target.okStatus ?? 201;
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  let next = 0;
  let retried = 0;
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          for (;;) {
            const t0 = process.hrtime.bigint();
            const status = await postOnce(agent, url, body, target);
            if (status === ok) {
              latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
              break;
            }
            if (status !== 429) throw new Error(`ingest answered ${status}`);
            retried++;
            await new Promise((res) => setTimeout(res, 50));
          }
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    seconds,
    retried_429: retried,
    p50_ms: quantile(latencies, 0.5),
    p99_ms: quantile(latencies, 0.99),
    client_cpu_seconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
  };
}
