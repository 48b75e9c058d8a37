import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_TIMEOUTS, watchBody, type HttpTimeouts } from './slow-clients';

/** Short limits so the cut-offs happen within the test; the constants' values are in docs/reliability.md. */
const fast: HttpTimeouts = { ...HTTP_TIMEOUTS, bodyIdleMs: 300, bodyRateGraceMs: 400, minBodyBytesPerSecond: 1000, checkEveryMs: 50 };

async function serve(): Promise<{ server: Server; url: string; seen: () => number }> {
  let bytes = 0;
  const server = createServer((req, res) => {
    watchBody(req, res, (n) => (bytes += n), fast);
    req.on('end', () => res.end('done'));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen: () => bytes };
}

function post(url: string, length: number, feed: (write: (s: string) => void) => void): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-length': String(length) } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    feed((s) => req.write(s));
  });
}

describe('watchBody', () => {
  it('408 when no body byte comes for bodyIdleMs', async () => {
    const { server, url, seen } = await serve();
    try {
      const r = await post(url, 100, (write) => write('x'));
      expect(r.status).toBe(408);
      expect(JSON.parse(r.body)).toMatchObject({ error: 'request_timeout', message: expect.stringMatching(/^no body bytes for \d+ s \(limit 0.3 s\)/) });
      expect(seen()).toBe(1);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('408 when, after the grace, the body trickles in below the minimum rate', async () => {
    const { server, url } = await serve();
    let timer: NodeJS.Timeout | undefined;
    try {
      const r = await post(url, 10_000, (write) => (timer = setInterval(() => write('y'), 20)));
      expect(r.status).toBe(408);
      expect(JSON.parse(r.body).message).toMatch(/^the body arrives at \d+ bytes\/s, below the minimum 1000 bytes\/s/);
    } finally {
      clearInterval(timer);
      server.closeAllConnections();
      server.close();
    }
  });

  it('lets a body that keeps up through', async () => {
    const { server, url } = await serve();
    try {
      const r = await post(url, 2000, (write) => {
        write('z'.repeat(1000));
        setTimeout(() => write('z'.repeat(1000)), 100);
      });
      expect(r).toEqual({ status: 200, body: 'done' });
    } finally {
      server.close();
    }
  });
});
