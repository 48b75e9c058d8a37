/** A shutdown step: stop timers, wait for running work. */
export type Closer = () => Promise<void> | void;

/** A service the composition root (server.ts) built and started, with the step that stops it. */
export interface Started<T> {
  readonly service: T;
  readonly close: Closer;
}
