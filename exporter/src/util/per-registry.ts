import type { Registry } from 'prom-client';

/**
 * `create` made once per registry: metrics that several modules count into (every ingest source into the
 * same counters) are registered on first use and shared after, as prom-client refuses a second registration.
 */
export function perRegistry<T>(create: (registry: Registry) => T): (registry: Registry) => T {
  const made = new WeakMap<Registry, T>();
  return (registry) => {
    let value = made.get(registry);
    if (value === undefined) made.set(registry, (value = create(registry)));
    return value;
  };
}
