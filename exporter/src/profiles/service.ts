import {
  assignProfile,
  DEFAULT_BUILD_OPTIONS,
  profileTransitions,
  type BuildOptions,
  type BuildTimings,
  type ProfileModel,
  type ProfileTransitions,
  type UserAggregate,
} from '@shadowfleet/models';
import type { ModelFrom } from '../shards/profiles';
import { loadProfiles, saveProfiles, type SavedProfiles } from './persistence';
import { workerRunner, type RebuildRunner } from './runner';
import type { AggregateSource } from './source';
import type { Logger } from '../logger';

export interface RebuildSummary {
  readonly builtAt: number;
  readonly users: number;
  readonly k: number;
  readonly silhouette: number;
  readonly durationSeconds: number;
  /**
   * Seconds per stage: the model's own, plus `aggregate` (the store query, streamed into the runner
   * while it runs, so it overlaps with handing the users over) and `save`.
   */
  readonly timings: BuildTimings & { readonly aggregate: number; readonly save: number };
  /** How users moved since the previous rebuild (null for the first one). */
  readonly transitions: ProfileTransitions | null;
}

export interface UserProfile {
  readonly userId: string;
  readonly profileId: string;
  readonly profileName: string;
  /** `rebuild`: as assigned at the last rebuild; `live`: assigned now from the user's current events. */
  readonly source: 'rebuild' | 'live';
  readonly distance?: number;
}

/** Calls `fn` every `ms` until the returned function is called. */
export type Scheduler = (fn: () => void, ms: number) => () => void;

export const intervalScheduler: Scheduler = (fn, ms) => {
  const t = setInterval(fn, ms);
  t.unref();
  return () => clearInterval(t);
};

export interface ProfileServiceOptions {
  /** Where the model is saved (`<dataDir>/profiles`); undefined keeps it in memory only. */
  readonly dataDir?: string;
  readonly source: AggregateSource;
  readonly build?: BuildOptions;
  readonly runner?: RebuildRunner;
  readonly now?: () => number;
  /** Monotonic milliseconds, for durations. */
  readonly elapsed?: () => number;
  readonly logger?: Logger;
  /** On a shard other than 0: where the model comes from (its runner takes shard 0's model instead of clustering). */
  readonly modelFrom?: () => ModelFrom;
}

/**
 * Owns the profile model: rebuilds it from the store (one at a time; concurrent requests share the
 * running build), in a worker thread by default, saves it so ids survive restarts, and answers which
 * profile a user belongs to.
 */
export class ProfileService {
  private saved: SavedProfiles | undefined;
  private inflight: Promise<RebuildSummary> | undefined;
  private stopSchedule: (() => void) | undefined;
  private last: RebuildSummary | undefined;
  private readonly rebuiltListeners: Array<() => void> = [];
  readonly counts = { ok: 0, error: 0 };

  constructor(private readonly options: ProfileServiceOptions) {
    this.saved = options.dataDir !== undefined ? loadProfiles(options.dataDir) : undefined;
  }

  get model(): ProfileModel | undefined {
    return this.saved?.model;
  }

  /** Undefined when this exporter builds its own model; on a shard other than 0, shard 0 and the last fetch. */
  get modelFrom(): ModelFrom | undefined {
    return this.options.modelFrom?.();
  }

  get lastRebuild(): RebuildSummary | undefined {
    return this.last;
  }

  /** Profile id per user at the last rebuild (empty before one). */
  get assignments(): ReadonlyMap<string, string> {
    return this.saved?.assignments ?? new Map();
  }

  /** Calls `listener` after every successful rebuild, once the new assignments are in place. */
  onRebuilt(listener: () => void): void {
    this.rebuiltListeners.push(listener);
  }

  get rebuilding(): boolean {
    return this.inflight !== undefined;
  }

  /** Rebuilds now, or joins the rebuild already running. */
  rebuild(): Promise<RebuildSummary> {
    this.inflight ??= this.run().then(
      (s) => {
        this.inflight = undefined;
        this.counts.ok += 1;
        return s;
      },
      (err: unknown) => {
        this.inflight = undefined;
        this.counts.error += 1;
        throw err;
      },
    );
    return this.inflight;
  }

  private async run(): Promise<RebuildSummary> {
    const elapsed = this.options.elapsed ?? (() => performance.now());
    const t0 = elapsed();
    const userIds: string[] = [];
    let t1 = t0;
    const source = this.options.source;
    // Users stream from the store straight into the runner; only their ids stay here.
    const users = (async function* (): AsyncGenerator<UserAggregate[]> {
      for await (const chunk of source.stream()) {
        for (const u of chunk) userIds.push(u.userId);
        yield chunk;
      }
      if (userIds.length === 0) throw new Error('no events in the store yet: ingest or import events before building profiles');
      t1 = elapsed();
    })();
    const previous = this.saved?.model;
    const result = await (this.options.runner ?? workerRunner)(users, this.options.build ?? DEFAULT_BUILD_OPTIONS, previous);
    const model: ProfileModel = { ...result.model, builtAt: (this.options.now ?? Date.now)() };
    const assignments = new Map(userIds.map((id, i) => [id, result.assignments[i]]));
    const transitions = this.saved ? profileTransitions(this.saved.assignments, assignments) : null;
    const t2 = elapsed();
    const saved = { model, assignments };
    if (this.options.dataDir !== undefined) await saveProfiles(this.options.dataDir, saved);
    this.saved = saved;
    const t3 = elapsed();
    this.last = {
      builtAt: model.builtAt,
      users: model.users,
      k: model.k,
      silhouette: model.silhouette,
      durationSeconds: (t3 - t0) / 1000,
      timings: { ...result.timings, aggregate: (t1 - t0) / 1000, save: (t3 - t2) / 1000 },
      transitions,
    };
    for (const l of this.rebuiltListeners) l();
    this.options.logger?.info({ profiles: model.k, users: model.users, seconds: this.last.durationSeconds }, `rebuilt ${model.k} profiles from ${model.users} users in ${this.last.durationSeconds.toFixed(2)} s (silhouette ${model.silhouette.toFixed(3)})`);
    return this.last;
  }

  /** A user's profile in the last rebuild (no store access); undefined for users it did not see. */
  assignedProfile(userId: string): { id: string; name: string } | undefined {
    const saved = this.saved;
    const id = saved?.assignments.get(userId);
    const p = id === undefined ? undefined : saved?.model.profiles.find((x) => x.id === id);
    return p ? { id: p.id, name: p.name } : undefined;
  }

  /** The user's profile from the last rebuild, else assigned live from their events; undefined if unknown. */
  async profileOf(userId: string): Promise<UserProfile | undefined> {
    const saved = this.saved;
    if (!saved) throw new Error('no profile model yet: rebuild first (POST /v1/profiles/rebuild or shadowfleet profiles rebuild)');
    const id = saved.assignments.get(userId);
    const known = id !== undefined ? saved.model.profiles.find((p) => p.id === id) : undefined;
    if (known) return { userId, profileId: known.id, profileName: known.name, source: 'rebuild' };
    const agg = await this.options.source.user(userId);
    if (!agg) return undefined;
    const a = assignProfile(agg, saved.model);
    return { userId, profileId: a.profileId, profileName: a.profileName, source: 'live', distance: a.distance };
  }

  /** Rebuilds every `intervalMs` (and once soon when there is no saved model yet). */
  startSchedule(intervalMs: number, scheduler: Scheduler = intervalScheduler, firstDelayMs = 10_000): void {
    this.stop();
    const tick = (): void => {
      this.rebuild().catch((err: Error) => this.options.logger?.error({ err }, 'scheduled rebuild failed'));
    };
    const cancels: Array<() => void> = [];
    if (intervalMs > 0) cancels.push(scheduler(tick, intervalMs));
    if (!this.saved) {
      const once: () => void = scheduler(() => {
        once();
        tick();
      }, firstDelayMs);
      cancels.push(once);
    }
    this.stopSchedule = () => cancels.forEach((c) => c());
  }

  stop(): void {
    this.stopSchedule?.();
    this.stopSchedule = undefined;
  }

  /** Stops the schedule and waits for a running rebuild to finish (its outcome is already logged or returned). */
  async close(): Promise<void> {
    this.stop();
    await this.inflight?.catch(() => undefined);
  }
}
