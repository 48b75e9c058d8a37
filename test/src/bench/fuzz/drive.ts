import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { mutate, prng, type FuzzRequest, type Json } from './mutate';

/** What one fuzz run sent and saw. */
export interface FuzzTally {
  requests: number;
  statuses: Record<string, number>;
  server_errors_5xx: number;
  /** A 5xx answer's body, for the report (first few). */
  server_error_samples: string[];
  /** Resident memory of the server process (MB) after the first 10,000 requests and at the end. */
  rss_mb_after_first_10k?: number;
  rss_mb_at_end?: number;
  requests_per_second: number;
}

/** One kind of request the fuzz sends: a route, a base body to mutate, and how often (weight). */
export interface FuzzTarget {
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly base: Json;
  readonly weight: number;
  /** Send this many requests without credentials (they must get 401). */
  readonly unauthenticatedShare?: number;
  /** Bodies for which this is true are not sent (e.g. still-valid payloads that would act). */
  readonly skip?: (req: FuzzRequest) => boolean;
}

/** Resident set size of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

const MEMORY_MARK = 10_000;

function send(url: URL, agent: Agent, method: string, path: string, req: FuzzRequest, token: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { 'content-type': req.contentType, 'content-length': req.body.length };
    if (token) headers.authorization = `Bearer ${token}`;
    const r = request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body.length < 2000 ? (body += c) : undefined));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: -1, body: '' }));
    });
    r.on('error', (err) => resolve({ status: -1, body: err.message }));
    r.end(req.body);
  });
}

/**
 * Sends `count` mutated requests (seeded) at `concurrency`, over keep-alive connections, and counts
 * the answers; samples the server's memory after the first 10,000 and at the end (after a GC pause
 * of a second, so what remains is retained, not garbage).
 */
export async function drive(serverUrl: string, pid: number, token: string, targets: readonly FuzzTarget[], count: number, seed: number, concurrency = 16): Promise<FuzzTally> {
  const url = new URL(serverUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const rnd = prng(seed);
  const total = targets.reduce((n, t) => n + t.weight, 0);
  const choose = () => {
    let x = rnd() * total;
    for (const t of targets) if ((x -= t.weight) < 0) return t;
    return targets[targets.length - 1]!;
  };
  const tally: FuzzTally = { requests: 0, statuses: {}, server_errors_5xx: 0, server_error_samples: [], requests_per_second: 0 };
  const started = performance.now();
  let next = 0;
  let markTaken = false;
  const worker = async () => {
    while (next < count) {
      next++;
      const target = choose();
      let req = mutate(target.base, rnd);
      while (target.skip?.(req)) req = mutate(target.base, rnd);
      const anonymous = rnd() < (target.unauthenticatedShare ?? 0.02);
      const { status, body } = await send(url, agent, target.method, target.path, req, anonymous ? undefined : token);
      tally.requests++;
      const key = status < 0 ? 'connection_error' : String(status);
      tally.statuses[key] = (tally.statuses[key] ?? 0) + 1;
      if (status >= 500) {
        tally.server_errors_5xx++;
        if (tally.server_error_samples.length < 5) tally.server_error_samples.push(`${target.method} ${target.path} ${status} ${body.slice(0, 300)}`);
      }
      if (!markTaken && tally.requests >= MEMORY_MARK) {
        markTaken = true;
        tally.rss_mb_after_first_10k = rssMb(pid);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  tally.requests_per_second = Math.round(tally.requests / ((performance.now() - started) / 1000));
  agent.destroy();
  await new Promise((r) => setTimeout(r, 1000));
  tally.rss_mb_at_end = rssMb(pid);
  return tally;
}
