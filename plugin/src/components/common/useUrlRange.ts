import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { dateMath, rangeUtil } from '@grafana/data';
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
  /** The auto-refresh interval from the URL (`refresh=30s`), '' for off. */
  refresh: string;
  setRefresh(interval: string): void;
  /** Resolves a relative range against a new "now", so everything on the page loads again. */
  reload(): void;
}

/**
 * The page's time range from the URL (`?from=…&to=…`, as in Grafana's dashboards and Explore), so a
 * link can open a page at a moment; `defaultFrom` when the URL has none.
 */
export function useUrlRange(defaultFrom = 'now-24h'): UrlRange {
  const [params, setParams] = useSearchParams();
  const rawFrom = params.get('from') ?? defaultFrom;
  const rawTo = params.get('to') ?? 'now';
  const refresh = params.get('refresh') ?? '';
  const [round, setRound] = useState(0);
  useEffect(() => {
    const ms = refresh ? rangeUtil.intervalToMs(refresh) : 0;
    if (!(ms > 0)) {
      return;
    }
    const timer = setInterval(() => setRound((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [refresh]);
  // Resolved once per URL value and refresh round: "now" must not move on every render (each move would refetch).
  const range = useMemo(() => {
    const toMs = parseUrlTime(rawTo, true) ?? parseUrlTime('now', true)!;
    const fromMs = parseUrlTime(rawFrom, false) ?? toMs - 86_400_000;
    return fromMs < toMs ? { fromMs, toMs } : { fromMs: toMs - 86_400_000, toMs };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `round` is what makes "now" move
  }, [rawFrom, rawTo, round]);
  return {
    range,
    raw: { from: rawFrom, to: rawTo },
    setRaw(from, to) {
      const next = new URLSearchParams(params);
      next.set('from', from);
      next.set('to', to);
      setParams(next);
    },
    refresh,
    setRefresh(interval) {
      const next = new URLSearchParams(params);
      if (interval) {
        next.set('refresh', interval);
      } else {
        next.delete('refresh');
      }
      setParams(next);
    },
    reload: () => setRound((n) => n + 1),
  };
}
