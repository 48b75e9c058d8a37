import { gzipSync } from 'node:zlib';
import { splitByShard } from '@shadowfleet/models';
import type { EventStore } from '../store/types';
import type { ImportSink } from './types';

/** Writes straight into a store (the CLI opens the DuckDB file; no exporter may hold it). */
export function storeSink(store: EventStore): ImportSink {
  return {
    appendEvents: async (events) => void (await store.append(events)),
    upsertUsers: async (users) => void (await store.upsertUsers(users)),
  };
}

/** Largest batch the HTTP sink sends (the exporter's default maxBatchEvents). */
export const HTTP_BATCH = 10_000;
const RETRIES_ON_429 = 30;

/**
 * Posts to a running exporter's API (gzip NDJSON), honouring 429 Retry-After. Used when the exporter
 * holds the store (DuckDB allows one writing process).
 */
export function httpSink(baseUrl: string, token: string | undefined): ImportSink {
  const post = async (path: string, records: unknown[]) => {
    for (let start = 0; start < records.length; start += HTTP_BATCH) {
      const body = gzipSync(records.slice(start, start + HTTP_BATCH).map((r) => JSON.stringify(r)).join('\n'));
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(new URL(path, baseUrl), {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        });
        if (res.status === 201) break;
        if (res.status === 429 && attempt < RETRIES_ON_429) {
          await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? '1') * 1000));
          continue;
        }
        throw new Error(`${new URL(path, baseUrl).href} answered ${res.status}: ${(await res.text()).slice(0, 2000)}`);
      }
    }
  };
  return {
    appendEvents: (events) =>
      post(
        '/v1/events',
        events.map((e) => ({
          user_id: e.userId,
          session_id: e.sessionId,
          timestamp: e.timestamp,
          action: e.action,
          data_type: e.dataType,
          duration_ms: e.durationMs,
          status: e.status,
          error: e.error,
          bytes: e.bytes,
          cost: e.cost,
        })),
      ),
    upsertUsers: (users) => post('/v1/users', users.map((u) => ({ user_id: u.userId, attributes: u.attributes }))),
  };
}

/**
 * Posts each user's records to the exporter shard that owns the user (shardOf over `baseUrls`, in shard
 * order; docs/scaling-out.md). One URL is the plain httpSink.
 */
export function shardedHttpSink(baseUrls: readonly string[], token: string | undefined): ImportSink {
  if (baseUrls.length === 1) return httpSink(baseUrls[0], token);
  const sinks = baseUrls.map((url) => httpSink(url, token));
  return {
    appendEvents: async (events) => void (await Promise.all(splitByShard(events, sinks.length).map((part, i) => (part.length > 0 ? sinks[i].appendEvents(part) : undefined)))),
    upsertUsers: async (users) => void (await Promise.all(splitByShard(users, sinks.length).map((part, i) => (part.length > 0 ? sinks[i].upsertUsers(part) : undefined)))),
  };
}
