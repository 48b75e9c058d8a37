/** Sends a proxied request upstream and relays the answer, as Grafana's reverse proxy does. */
import type http from 'node:http';

/** Request headers a proxy never passes on (hop-by-hop, and the browser's Grafana session). */
const DROPPED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-authorization', 'content-length', 'cookie', 'set-cookie']);

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The browser's headers minus hop-by-hop ones and Cookie / Set-Cookie (Grafana deletes both). */
export function passedHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (!DROPPED.has(k) && v !== undefined) {
      out[k] = Array.isArray(v) ? v.join(', ') : v;
    }
  }
  return out;
}

export const jsonError = (res: http.ServerResponse, status: number, message: string): void => {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message }));
};

export async function forward(req: http.IncomingMessage, res: http.ServerResponse, target: string, headers: Record<string, string>): Promise<void> {
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  try {
    const answer = await fetch(target, { method, headers, body: body ? new Uint8Array(body) : undefined, redirect: 'manual' });
    const buf = Buffer.from(await answer.arrayBuffer());
    res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/octet-stream' });
    res.end(buf);
  } catch (err) {
    // Grafana's reverse proxy answers 502 Bad Gateway when the upstream cannot be reached.
    jsonError(res, 502, `Bad Gateway: ${(err as Error).message}`);
  }
}
