import type express from 'express';
import type { OwnerPolicy } from './shards/policy';
import type { Registry } from 'prom-client';
import type { PoolModel } from '@shadowfleet/models';
import type { ManagerService } from './allocation/manager-service';
import { decisionsRouter, notTheDeciderRouter } from './allocation/router';
import type { Config } from './config';
import { feedbackRouter } from './feedback/router';
import { experimentFiles, type KpiWindows } from './feedback/start';
import { ingestRouter } from './ingest/router';
import type { Closer } from './lifecycle';
import type { BehaviourService } from './nextaction/behaviour-service';
import { behaviourRouter } from './nextaction/router';
import type { PolicyPreviewer } from './policy/preview';
import { policyRouter } from './policy/router';
import type { PolicyStore } from './policy/store';
import type { PriorityMapSync } from './priority/map-sync';
import { priorityRouter } from './priority/router';
import type { ActionRules } from './importers/action-rules';
import type { ProfileService } from './profiles/service';
import { profilesRouter } from './profiles/router';
import type { EventStore } from './store/types';
import { notTheOwner, shardRouter } from './shards/router';
import { shardTopology } from './shards/topology';

/**
 * Every service of the exporter, built and started by the composition root (startExporter in
 * server.ts) before any router is mounted. Nothing here changes after start.
 */
export interface Services {
  readonly config: Config;
  readonly registry: Registry;
  readonly store: EventStore;
  /** The pool model (SHADOWFLEET_POOLS_FILE), parsed and checked once. */
  readonly pools: PoolModel;
  /** How request paths become actions (SHADOWFLEET_ACTION_RULES_FILE), for POST /v1/logs and the HAProxy log. */
  readonly actionRules: ActionRules;
  /** The live allocation policy (versions, history); the resource manager reads it at every decision. */
  readonly policy: PolicyStore;
  readonly previewer: PolicyPreviewer;
  /** On a shard other than 0: shard 0's live policy, which `policy` follows; undefined elsewhere. */
  readonly policyFrom: OwnerPolicy | undefined;
  readonly profiles: ProfileService;
  /** Keeps HAProxy's user → queue priority class map; undefined when SHADOWFLEET_PRIORITY_MAP_FILE is unset. */
  readonly priority: PriorityMapSync | undefined;
  readonly behaviour: BehaviourService;
  readonly decisions: ManagerService;
  /** The HAProxy KPI windows; undefined when SHADOWFLEET_KPI_SYSLOG_PORT is unset. */
  readonly kpis: KpiWindows | undefined;
  /** Registers the shutdown of a router's own HTTP resources (the ingest parse workers); close() runs it. */
  readonly onClose: (closer: Closer) => void;
}

/** A route module hands the services it serves to one router; the router only translates HTTP. */
export type RouteModule = (services: Services) => express.Router;

/** The bearer token writes need; undefined when started with --no-auth. */
export function writeToken(config: Pick<Config, 'noAuth' | 'authToken'>): string | undefined {
  return config.noAuth ? undefined : config.authToken;
}

/**
 * Every HTTP route module of the exporter, mounted in this order by createApp. To add endpoints, write
 * `yourconcern/router.ts` (a function from typed services to an express.Router), build its service in
 * server.ts, and add ONE line here. Writes use `requireBearer(token)` from ./ingest/auth.
 */
export const routeModules: readonly RouteModule[] = [
  ({ config, registry, store, actionRules, onClose }) =>
    ingestRouter(store, registry, {
      authToken: writeToken(config),
      maxBodyBytes: config.maxBodyBytes,
      maxBatchEvents: config.maxBatchEvents,
      maxPendingEvents: config.maxPendingEvents,
      retryAfterSeconds: 1,
      maxInFlightRequests: config.maxInFlightRequests,
      actionRules,
      shard: shardTopology(config),
      onClose,
    }),
  ({ config, profiles }) => profilesRouter(profiles, writeToken(config)),
  ({ config, policy, previewer, policyFrom }) => {
    const shard = shardTopology(config);
    const follower = shard && policyFrom && { status: () => policyFrom.status, refuse: (res: express.Response) => notTheOwner(res, shard, 'the live policy', 'which follows it: send PUT /v1/policy and rollbacks there') };
    return policyRouter(policy, previewer, writeToken(config), follower);
  },
  ({ config, priority }) => priorityRouter(config, priority),
  ({ config, behaviour, pools }) => behaviourRouter(behaviour, writeToken(config), pools.complexityUnit),
  // With shards only shard 0 decides; the others name it (docs/scaling-out.md).
  ({ config, decisions, policy }) => {
    const shard = shardTopology(config);
    return shard && !shard.decider ? notTheDeciderRouter(shard) : decisionsRouter(decisions, () => policy.current().version);
  },
  ({ config, kpis }) => feedbackRouter(experimentFiles(config), writeToken(config), () => kpis),
  ({ config, store, pools, behaviour, profiles, policy }) => shardRouter({ config, store, pools, behaviour, profiles, policy }),
];
