import { shardOf } from '@shadowfleet/models';
import type { Config } from '../config';

/** Where this exporter stands among the shards (docs/scaling-out.md). */
export interface ShardTopology {
  /** This exporter's index in `urls`. */
  readonly index: number;
  /** Every shard's base URL, in shard order. */
  readonly urls: readonly string[];
  /** Shard 0 decides for the pools on the summed load; the others only ingest, forecast and serve their share. */
  readonly decider: boolean;
  /** The index of the shard that owns a user. */
  owner(userId: string): number;
}

/** The topology of SHADOWFLEET_SHARDS / SHADOWFLEET_SHARD_INDEX; undefined when this exporter owns every user. */
export function shardTopology(config: Pick<Config, 'shards' | 'shardIndex'>): ShardTopology | undefined {
  if (config.shards.length === 0 || config.shardIndex === undefined) return undefined;
  const urls = Object.freeze([...config.shards]);
  return Object.freeze({ index: config.shardIndex, urls, decider: config.shardIndex === 0, owner: (userId: string) => shardOf(userId, urls.length) });
}

/** The first record whose user another shard owns, with that shard; undefined when this shard owns them all. */
export function firstStray(topology: ShardTopology | undefined, records: readonly { readonly userId: string }[]): { at: number; userId: string; owner: number } | undefined {
  if (!topology) return undefined;
  for (const [at, r] of records.entries()) {
    const owner = topology.owner(r.userId);
    if (owner !== topology.index) return { at, userId: r.userId, owner };
  }
  return undefined;
}
