import type { Request, Response } from 'express';
import { PEER_TIMEOUT_MS } from './peers';

/**
 * Something shard 0 owns and the other shards take from it (its profile model, its live policy), fetched
 * with If-None-Match so an unchanged one costs a 304. Failures are kept (`lastError`) and rethrown.
 */
export class OwnerResource<T> {
  private etag: string | undefined;
  private body: T | undefined;
  private error: string | undefined;

  constructor(
    readonly url: string,
    private readonly path: string,
    private readonly token: string | undefined,
  ) {}

  /** The body last fetched from shard 0 (undefined before one). */
  get latest(): T | undefined {
    return this.body;
  }

  /** The last fetch's failure (shard 0 unreachable, or without one yet); cleared by a good fetch. */
  get lastError(): string | undefined {
    return this.error;
  }

  /** Asks shard 0; true when its answer differs from the one fetched before. */
  async check(): Promise<boolean> {
    try {
      const res = await fetch(new URL(this.path, this.url).href, {
        headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...(this.etag ? { 'if-none-match': this.etag } : {}) },
        signal: AbortSignal.timeout(PEER_TIMEOUT_MS),
      });
      if (res.status === 304) return (this.error = undefined), false;
      if (!res.ok) throw new Error(`shard 0 (${this.url}) answered GET ${this.path} with ${res.status}: ${(await res.text()).slice(0, 300)}`);
      this.body = (await res.json()) as T;
      this.etag = res.headers.get('etag') ?? undefined;
      this.error = undefined;
      return true;
    } catch (err) {
      this.error = (err as Error).message;
      throw err;
    }
  }
}

/**
 * Answers `body` with `tag` as its ETag, or 304 when the request's If-None-Match matches. (Checked here:
 * express's own check skips requests with Cache-Control: no-cache, which Node's fetch adds to every
 * conditional request.)
 */
export function sendVersioned(req: Request, res: Response, tag: string, body: unknown): void {
  res.set('ETag', tag);
  if (req.get('if-none-match') === tag) {
    res.status(304).end();
    return;
  }
  res.json(body);
}
