import type { Driver, DriverContext, DriverDefinition } from './driver';
import { commandDriver } from './command/command-driver';
import { haproxyDriver } from './haproxy/haproxy-driver';
import { kubernetesDriver } from './kubernetes/kubernetes-driver';
import { localDriver } from './local/local-driver';

/** Every driver, one line each. docs/adding-a-driver.md explains how to add one. */
export const drivers: readonly DriverDefinition<never>[] = [haproxyDriver, localDriver, commandDriver, kubernetesDriver] as DriverDefinition<never>[];

export const driverKinds = drivers.map((d) => d.kind) as [string, ...string[]];

export function findDriver(kind: string): DriverDefinition<unknown> {
  const found = drivers.find((d) => d.kind === kind);
  if (!found) throw new Error(`unknown driver "${kind}"; known: ${driverKinds.join(', ')}`);
  return found as unknown as DriverDefinition<unknown>;
}

/** Validates the pool's driver options with the driver's own schema and creates the driver. */
export function createDriver(kind: string, options: unknown, context: DriverContext): Driver {
  const definition = findDriver(kind);
  return definition.create(definition.options.parse(options), context);
}
