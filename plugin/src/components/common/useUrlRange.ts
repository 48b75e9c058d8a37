import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { dateMath } from '@grafana/data';
import type { Range } from '../../api/prometheus';

/** Grafana's URL time: epoch milliseconds or relative ("now-24h"); `roundUp` for the end of a range. */
export function parseUrlTime(text: string, roundUp: boolean): number | undefined {
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  const t = dateMath.toDateTime(text, { roundUp });
  return t && t.isValid() ? t.valueOf() : undefined;
}

export interface UrlRange {
  range: Range;
  raw: { from: string; to: string };
  /** Sets `from`/`to` in the URL (Grafana's names), keeping the other parameters. */
  setRaw(from: string, to: string): void;
}

/**
 * The page's time range from the URL (`?from=…&to=…`, as in Grafana's dashboards and Explore), so a
 * link can open a page at a moment; `defaultFrom` when the URL has none.
 */
export function useUrlRange(defaultFrom = 'now-24h'): UrlRange {
  const [params, setParams] = useSearchParams();
  const rawFrom = params.get('from') ?? defaultFrom;
  const rawTo = params.get('to') ?? 'now';
  // Resolved once per URL value: "now" must not move on every render (each move would refetch).
  const range = useMemo(() => {
    const toMs = parseUrlTime(rawTo, true) ?? parseUrlTime('now', true)!;
    const fromMs = parseUrlTime(rawFrom, false) ?? toMs - 86_400_000;
    return fromMs < toMs ? { fromMs, toMs } : { fromMs: toMs - 86_400_000, toMs };
  }, [rawFrom, rawTo]);
  return {
    range,
    raw: { from: rawFrom, to: rawTo },
    setRaw(from, to) {
      const next = new URLSearchParams(params);
      next.set('from', from);
      next.set('to', to);
      setParams(next);
    },
  };
}
