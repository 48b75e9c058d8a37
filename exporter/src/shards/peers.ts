import { sumForecasts, sumSeries, type ComplexityLoadForecast } from '@shadowfleet/models';
import type { StepQuery } from '../store/load-per-step';
import type { Logger } from '../logger';
import type { ShardTopology } from './topology';

/** How long the decider waits for one peer's answer. */
export const PEER_TIMEOUT_MS = 10_000;

/** What GET /v1/shard/load answers. */
export interface ShardLoad {
  readonly shard: number;
  readonly values: number[];
}

/** What GET /v1/shard/forecast answers. */
export interface ShardForecast {
  readonly shard: number;
  readonly refreshed_at_ms: number;
  readonly forecasts: ComplexityLoadForecast[];
}

/** A shard's behaviour-aware forecasts and when they were computed. */
export type OwnForecast = { readonly forecasts: readonly ComplexityLoadForecast[]; readonly refreshedAtMs: number };

async function getJson<T>(url: string, token: string | undefined): Promise<T> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(PEER_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
  return (await res.json()) as T;
}

const peersOf = (t: ShardTopology): Array<{ index: number; url: string }> => t.urls.map((url, index) => ({ index, url })).filter((p) => p.index !== t.index);

/**
 * The site's load per step, or one pool's (`pool`: the events its `serves` selector routes to it): this
 * shard's own plus every peer's (GET /v1/shard/load, which resolves the pool in its own pool model), added per
 * step. Rejects when any peer does not answer: a decision on part of the load would scale the pool down.
 */
export function summedLoad(
  t: ShardTopology,
  token: string | undefined,
  own: (q: StepQuery, pool?: string) => Promise<number[]>,
): (q: StepQuery, pool?: string) => Promise<number[]> {
  return async (q, pool) => {
    const params = new URLSearchParams({ from_ms: String(q.fromMs), to_ms: String(q.toMs), step_ms: String(q.stepMs), unit: q.unit, ...(pool === undefined ? {} : { pool }) });
    const parts = await Promise.all([own(q, pool), ...peersOf(t).map(async (p) => (await getJson<ShardLoad>(new URL(`/v1/shard/load?${params}`, p.url).href, token)).values)]);
    return sumSeries(parts);
  };
}

/**
 * The site's behaviour-aware forecast: this shard's and every peer's (GET /v1/shard/forecast) summed per
 * horizon, as old as the oldest of them. Undefined when one is missing (the decision then uses the volume
 * forecast of the summed load alone).
 */
export async function summedForecast(
  t: ShardTopology,
  token: string | undefined,
  own: OwnForecast | undefined,
): Promise<OwnForecast | undefined> {
  if (!own) return undefined;
  const peers = await Promise.all(peersOf(t).map((p) => getJson<ShardForecast>(new URL('/v1/shard/forecast', p.url).href, token)));
  const forecasts = sumForecasts([own.forecasts, ...peers.map((p) => p.forecasts)]);
  return forecasts && { forecasts, refreshedAtMs: Math.min(own.refreshedAtMs, ...peers.map((p) => p.refreshed_at_ms)) };
}

/**
 * The behaviour forecast the decider uses: without shards this exporter's own; with shards all of theirs
 * summed, fetched by refresh() before each decision (a failed fetch leaves none for that step, logged).
 */
export function siteForecast(t: ShardTopology | undefined, token: string | undefined, own: () => OwnForecast | undefined, log: Logger): { current(): OwnForecast | undefined; refresh(): Promise<void> } {
  if (!t) return { current: own, refresh: async () => undefined };
  let summed: OwnForecast | undefined;
  return {
    current: () => summed,
    refresh: async () => {
      summed = await summedForecast(t, token, own()).catch((err: Error) => void log.warn({ err }, 'no summed behaviour forecast this step'));
    },
  };
}
