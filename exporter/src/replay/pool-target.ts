/** The rule every standby provider is told to follow (provisioning/prometheus/rules, docs/pools.md#standby-providers-what-to-follow). */
export const POOL_TARGET_RULE = 'shadowfleet:desired_pool_hosts';

interface QueryAnswer {
  readonly status: string;
  readonly data?: { readonly result?: ReadonlyArray<{ readonly value: readonly [number, string] }> };
}

/** The rule's value for one pool now, or undefined when Prometheus has none (yet). */
export async function queryPoolTarget(prometheusUrl: string, pool: string): Promise<number | undefined> {
  const expr = `${POOL_TARGET_RULE}{pool="${pool}"}`;
  const res = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  if (!res.ok) throw new Error(`Prometheus answered ${res.status} to ${expr}`);
  const body = (await res.json()) as QueryAnswer;
  const v = Number(body.data?.result?.[0]?.value[1]);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * The replay's standby provider (the host agent) reads what a real provider reads: the hosts the pool
 * should hold, from Prometheus's rule on the exporter's shadowfleet_desired_pool_hosts, every `everyMs`.
 * Until Prometheus has it, and after a failed query, the last value stands (`initial` at first).
 */
export function followPoolTarget(prometheusUrl: string, pool: string, initial: number, everyMs: number): { read(): number; stop(): void } {
  let value = initial;
  const timer = setInterval(() => {
    queryPoolTarget(prometheusUrl, pool).then(
      (v) => {
        if (v !== undefined) value = v;
      },
      () => undefined,
    );
  }, everyMs);
  return { read: () => value, stop: () => clearInterval(timer) };
}
