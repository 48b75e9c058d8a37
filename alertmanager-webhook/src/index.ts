/** Public surface of @shadowfleet/alertmanager-webhook. */
export { webhookPayloadSchema, alertSchema, type Alert, type AlertStatus, type WebhookPayload } from './alertmanager/payload';
export { actions, mapAlert, dedupeKey, desiredSize, ACTION_LABEL, POOL_LABEL, TIER_LABEL, COUNT_KEY, TARGET_KEY, type ActionName, type ActionRequest } from './actions/scheme';
export { skipReasons, type SkipReason } from './actions/skip-reasons';
export { configSchema, poolSchema, type WebhookConfig, type PoolConfig, type AuthConfig } from './config/schema';
export { loadConfig, parseConfig, envVariables } from './config/load';
export type { Driver, DriverDefinition, DriverContext, Plan, PlanStep, PoolStatus, Startable, Closable, Bounded, ApplyOptions, ActionContext } from './drivers/driver';
export { drivers, driverKinds, findDriver, createDriver, type RegisteredDriver } from './drivers/registry';
export { HaproxyDriver } from './drivers/haproxy/haproxy-driver';
export { LocalDriver } from './drivers/local/local-driver';
export { CommandDriver } from './drivers/command/command-driver';
export { KubernetesDriver } from './drivers/kubernetes/kubernetes-driver';
export { ActionEngine } from './engine/engine';
export { startService, intentLogPath, type RunningService, type ServiceOptions } from './service';
export { httpErrors } from './http/errors';
export { WEBHOOK_PATH } from './http/app';
export { webhookLogger, type Logger } from './util/logger';
export { systemClock, ManualClock, type Clock } from './util/clock';

/** Test and benchmark support: real HAProxy and backend processes on loopback, real-shaped alerts. */
export { startHaproxy, startBackend, servedBy, getThrough, HAPROXY_BIN, type HaproxyProcess, type BackendProcess } from './drivers/haproxy/testing/haproxy-process';
export { makeAlert, notification, realPayload } from './testing/alerts';
export { commandPool } from './testing/command-pool';
export { packageRoot, sourceFile } from './util/package-paths';
export { isRunning } from './engine/orphans';
