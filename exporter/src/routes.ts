import type express from 'express';
import type { Registry } from 'prom-client';
import type { ComplexityLoadForecast, PoolModel, ShadowFleetPlan, SimConfig } from '@shadowfleet/models';
import type { PolicyStore } from './policy/store';
import type { Config } from './config';
import { ingestRouter } from './ingest/router';
import { profilesModule } from './profiles/router';
import { policyModule } from './policy/module';
import type { EventStore } from './store/types';
import { behaviourModule } from './nextaction/router';
import { feedbackModule } from './feedback/router';
import { decisionsModule } from './allocation/module';

/** A module's shutdown step: stop its timers, wait for its running work. */
export type Closer = () => Promise<void> | void;

/** What every route module gets: the frozen config, the metrics registry, the store, and a shutdown hook. */
export interface AppContext {
  readonly config: Config;
  readonly registry: Registry;
  readonly store: EventStore;
  /** Registers a step the exporter's close() runs (in order) before it closes the store. */
  readonly onClose: (closer: Closer) => void;
  /** The pool model (SHADOWFLEET_POOLS_FILE), parsed and checked once. */
  readonly pools: PoolModel;
  /** The live allocation policy (versions, history); the resource manager reads it at every decision. */
  readonly policy: PolicyStore;
  /** What one module offers the others (filled while the modules are mounted). */
  readonly shared: SharedLookups;
}

/** Lookups modules publish for each other (e.g. the trend plan reads users' profiles). */
export interface SharedLookups {
  /** The profile of a user in the last rebuild (stable id and name); undefined before one, or for users it did not see. */
  profileOf?: (userId: string) => { readonly id: string; readonly name: string } | undefined;
  /** The trend refresher's latest shadow fleet plan (set once the trend module starts); tier 3 of GET /v1/decisions reads it. */
  trendPlan?: () => ShadowFleetPlan | undefined;
  /** The behaviour-aware complexity-load forecasts (pool model unit) and when they were computed. */
  behaviour?: () => { readonly forecasts: readonly ComplexityLoadForecast[]; readonly refreshedAtMs: number };
  /** A pool's load per step as the resource manager has seen it, with its simulator settings (policy previews). */
  decisionHistory?: (pool: string) => { readonly values: readonly number[]; readonly config: SimConfig } | undefined;
}

/** A route module builds one express router from the context (its metrics go on ctx.registry). */
export type RouteModule = (ctx: AppContext) => express.Router;

/**
 * Every HTTP route module of the exporter, mounted in this order by createApp. To add endpoints,
 * write `yourconcern/router.ts` exporting a RouteModule and add ONE line here. Writes should use
 * `requireBearer(ctx.config.noAuth ? undefined : ctx.config.authToken)` from ./ingest/auth.
 */
export const routeModules: RouteModule[] = [
  ({ config, registry, store, onClose }) =>
    ingestRouter(store, registry, {
      authToken: config.noAuth ? undefined : config.authToken,
      maxBodyBytes: config.maxBodyBytes,
      maxBatchEvents: config.maxBatchEvents,
      maxPendingEvents: config.maxPendingEvents,
      retryAfterSeconds: 1,
      maxInFlightRequests: config.maxInFlightRequests,
      onClose,
    }),
  profilesModule,
  policyModule,
  behaviourModule,
  decisionsModule,
  feedbackModule,
];
