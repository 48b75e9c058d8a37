import { rename, writeFile } from 'node:fs/promises';
import { replaceMap } from '@shadowfleet/haproxy-runtime';
import { priorityMapEntries, type PriorityMap } from '@shadowfleet/models';
import type { Logger } from '../logger';
import { usableUserKey, type UserIdentity } from '../identity/user-identity';

/** After a failed update, the next attempt comes this much later (unless a policy change or rebuild comes first). */
export const PRIORITY_MAP_RETRY_MS = 30_000;

export interface PriorityMapSyncOptions {
  /** The map as haproxy.cfg names it (`map_str_int(<file>,5)`); written here and replaced at runtime under this name. */
  readonly mapFile: string;
  /** HAProxy's stats socket (level operator or admin); undefined: the file only (HAProxy reads it at its next reload). */
  readonly socket?: string;
  readonly identity: UserIdentity;
  readonly maxEntries: number;
  /** The policy in force: its version and profile priorities. */
  readonly policy: () => { readonly version: number; readonly priorities: Readonly<Record<string, number>> };
  /** Profile id per user at the last rebuild. */
  readonly assignments: () => ReadonlyMap<string, string>;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly retryMs?: number;
}

/** What the map holds and how its updates went (GET /v1/priority, the shadowfleet_priority_map_* metrics). */
export interface PriorityMapStatus {
  readonly map: Omit<PriorityMap, 'entries'> & { readonly entries: number };
  /** The policy version of the last update that reached HAProxy (and the file); undefined before one. */
  readonly policyVersion?: number;
  readonly updatedAtMs?: number;
  readonly failures: { readonly file: number; readonly runtime: number };
  readonly lastError?: string;
}

/**
 * Keeps HAProxy's user → queue priority class map in line with the policy's profile priorities and the
 * profile assignments: writes the map file (temporary file + rename, so HAProxy's next reload reads a
 * whole one) and replaces the map HAProxy holds through the runtime API (atomic prepare/commit). Updates
 * run one at a time; requests made while one runs share the next one. A failed update is retried after
 * PRIORITY_MAP_RETRY_MS; failures never reach the caller (they are counted and logged once per streak).
 */
export class PriorityMapSync {
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;
  private failing = false;
  private state: PriorityMapStatus = { map: { entries: 0, byClass: {}, omitted: 0, unusable: 0 }, failures: { file: 0, runtime: 0 } };

  constructor(private readonly options: PriorityMapSyncOptions) {}

  get status(): PriorityMapStatus {
    return this.state;
  }

  /** Brings the map up to date (joins an update already waiting to run). Resolves when it has run. */
  request(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.queued ??= this.tail.then(() => {
      this.queued = undefined;
      return this.update();
    });
    this.tail = this.queued;
    return this.queued;
  }

  /** Stops retries and waits for a running update. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.tail;
  }

  private async update(): Promise<void> {
    clearTimeout(this.retry);
    const o = this.options;
    const { version, priorities } = o.policy();
    const map = priorityMapEntries(o.assignments(), priorities, { maxEntries: o.maxEntries, usableKey: (id) => usableUserKey(o.identity, id) });
    const errors: string[] = [];
    const failures = { ...this.state.failures };
    try {
      await this.writeFile(map, version);
    } catch (err) {
      failures.file += 1;
      errors.push(`writing ${o.mapFile}: ${(err as Error).message}`);
    }
    if (o.socket !== undefined) {
      try {
        await replaceMap(o.socket, o.mapFile, map.entries.map(([user, cls]) => [user, String(cls)] as const));
      } catch (err) {
        failures.runtime += 1;
        errors.push(`HAProxy runtime API: ${(err as Error).message}`);
      }
    }
    const { entries, ...counts } = map;
    const ok = errors.length === 0;
    this.state = {
      map: { ...counts, entries: entries.length },
      ...(ok ? { policyVersion: version, updatedAtMs: (o.now ?? Date.now)() } : { policyVersion: this.state.policyVersion, updatedAtMs: this.state.updatedAtMs, lastError: errors.join('; ') }),
      failures,
    };
    if (ok) {
      if (this.failing) o.logger.info({ file: o.mapFile, policyVersion: version, entries: entries.length }, `${o.mapFile} updated again (policy version ${version}, ${entries.length} entries)`);
      this.failing = false;
      return;
    }
    if (!this.failing) o.logger.error({ errors }, `update failed (${errors.join('; ')}); retrying every ${(o.retryMs ?? PRIORITY_MAP_RETRY_MS) / 1000} s`);
    this.failing = true;
    if (!this.closed) {
      this.retry = setTimeout(() => void this.request(), o.retryMs ?? PRIORITY_MAP_RETRY_MS);
      this.retry.unref();
    }
  }

  private async writeFile(map: PriorityMap, version: number): Promise<void> {
    const file = this.options.mapFile;
    const head = [
      '# Written by the shadowfleet exporter: user -> HAProxy queue priority class (10 - profile priority; lower is served first).',
      `# Policy version ${version}; users not listed get the lookup's default class. Do not edit: the next update replaces it.`,
    ];
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${[...head, ...map.entries.map(([user, cls]) => `${user} ${cls}`)].join('\n')}\n`);
    await rename(tmp, file);
  }
}
