import { dateTimeFormat, dateTimeFormatTimeAgo } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { config } from '@grafana/runtime';

/** The signed-in user's time zone as Grafana keeps it ("browser", "utc" or an IANA name). */
export const userTimeZone = (): TimeZone => (config.bootData?.user?.timezone as TimeZone | undefined) || 'browser';

/** "2026-12-07 13:05:00 (4 minutes ago)" in the user's time zone; "—" for no time. */
export function formatWhen(at: string | number | null | undefined, now?: number): string {
  if (at === null || at === undefined || at === '') {
    return '—';
  }
  const t = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(t)) {
    return String(at);
  }
  const abs = dateTimeFormat(t, { timeZone: userTimeZone() });
  const ago = now === undefined ? dateTimeFormatTimeAgo(t, { timeZone: userTimeZone() }) : undefined;
  return ago ? `${abs} (${ago})` : abs;
}

/** How old `at` is, in seconds, against `now` (ms). */
export const ageSeconds = (at: string | number, now = Date.now()): number => (now - (typeof at === 'number' ? at : Date.parse(at))) / 1000;
