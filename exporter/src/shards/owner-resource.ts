import type { Request, Response } from 'express';
import { PEER_TIMEOUT_MS } from './peers';

/** Where a shard other than 0 takes something from, as its API shows it (`modelFrom`, `policyFrom`). */
export type FromOwner<Version extends object> = { readonly shard: 0; readonly url: string; /** The last check's failure (shard 0 unreachable, or without one yet); cleared by a good check. */ readonly lastError?: string } & Partial<Version>;

/**
 * Something shard 0 owns and the other shards take from it (its profile model, its live policy), fetched
 * with If-None-Match so an unchanged one costs a 304. `pick` takes the value out of shard 0's answer,
 * `version` says which one it is (shown in `status`). Failures are kept in `status` and rethrown.
 */
export class OwnerResource<Body, Value, Version extends object> {
  private etag: string | undefined;
  private value: Value | undefined;
  private error: string | undefined;

  constructor(
    readonly url: string,
    private readonly path: string,
    private readonly token: string | undefined,
    private readonly pick: (body: Body) => Value,
    private readonly version: (value: Value) => Version,
  ) {}

  /** The value last fetched from shard 0 (undefined before one). */
  get latest(): Value | undefined {
    return this.value;
  }

  get status(): FromOwner<Version> {
    return { shard: 0, url: this.url, ...(this.value !== undefined ? this.version(this.value) : {}), ...(this.error !== undefined ? { lastError: this.error } : {}) } as FromOwner<Version>;
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
      this.value = this.pick((await res.json()) as Body);
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
