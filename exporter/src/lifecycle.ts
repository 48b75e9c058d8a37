import type { Registry } from 'prom-client';
import type { Config } from './config';
import type { Logger } from './logger';
import type { EventStore } from './store/types';

/** What the composition root (server.ts) hands every service it starts, beside the service's own inputs. */
export interface CoreDeps {
  readonly config: Config;
  readonly store: EventStore;
  readonly registry: Registry;
  readonly logger: Logger;
}

/** A shutdown step: stop timers, wait for running work. */
export type Closer = () => Promise<void> | void;

/** A service the composition root (server.ts) built and started, with the step that stops it. */
export interface Started<T> {
  readonly service: T;
  readonly close: Closer;
}
