import type { z } from 'zod';
import type { Driver, DriverContext, DriverDefinition } from './driver';
import { commandDriver } from './command/command-driver';
import { haproxyDriver } from './haproxy/haproxy-driver';
import { kubernetesDriver } from './kubernetes/kubernetes-driver';
import { localDriver } from './local/local-driver';

/** A definition with its options type erased: `create` validates raw options with the driver's own schema. */
export interface RegisteredDriver {
  readonly kind: string;
  readonly description: string;
  readonly options: z.ZodType;
  create(rawOptions: unknown, context: DriverContext): Driver;
}

function register<Options>(definition: DriverDefinition<Options>): RegisteredDriver {
  return {
    kind: definition.kind,
    description: definition.description,
    options: definition.options,
    create: (rawOptions, context) => definition.create(definition.options.parse(rawOptions), context),
  };
}

/** Every driver, one line each. docs/adding-a-driver.md explains how to add one. */
export const drivers: readonly RegisteredDriver[] = [register(haproxyDriver), register(localDriver), register(commandDriver), register(kubernetesDriver)];

export const driverKinds = drivers.map((d) => d.kind) as [string, ...string[]];

export function findDriver(kind: string): RegisteredDriver {
  const found = drivers.find((d) => d.kind === kind);
  if (!found) throw new Error(`unknown driver "${kind}"; known: ${driverKinds.join(', ')}`);
  return found;
}

/** Validates the pool's driver options with the driver's own schema and creates the driver. */
export function createDriver(kind: string, options: unknown, context: DriverContext): Driver {
  return findDriver(kind).create(options, context);
}
