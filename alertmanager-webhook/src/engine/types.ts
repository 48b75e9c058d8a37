import type { PoolConfig } from '../config/schema';
import type { Driver } from '../drivers/driver';

/** A configured pool with its driver instance. */
export interface PoolRuntime {
  readonly name: string;
  readonly config: PoolConfig;
  readonly driver: Driver;
}

/** What the webhook answers for each alert of a notification. */
export interface AlertResult {
  readonly fingerprint: string;
  readonly status: 'firing' | 'resolved';
  readonly outcome: 'accepted' | 'skipped';
  readonly reason?: string;
  readonly detail?: string;
  readonly intent?: string;
}

/** Thrown when the webhook cannot take the notification now; answered 503 so Alertmanager retries. */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
}

export interface EngineLimits {
  readonly dryRun: boolean;
  readonly maxConcurrentActions: number;
  readonly maxQueuedActions: number;
  readonly rateLimit: { readonly maxChanges: number; readonly windowSeconds: number };
  readonly actionTimeoutSeconds: number;
  readonly intentMaxAgeSeconds: number;
}
