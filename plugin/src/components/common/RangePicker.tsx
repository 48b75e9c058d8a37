import React from 'react';
import { dateTime, type TimeRange } from '@grafana/data';
import { RefreshPicker, TimeRangePicker } from '@grafana/ui';
import { userTimeZone } from './time';
import type { UrlRange } from './useUrlRange';

const raw = (v: unknown): string => (typeof v === 'string' ? v : String(dateTime(v as number).valueOf()));

/**
 * Grafana's own time range and refresh pickers bound to the page URL (`from`/`to`, `refresh`): quick
 * ranges, absolute times, shifting back and forward, zooming out; refresh now or every interval.
 */
export function RangePicker({ url }: { url: UrlRange }) {
  const { range, raw: current } = url;
  const value: TimeRange = { from: dateTime(range.fromMs), to: dateTime(range.toMs), raw: { from: current.from, to: current.to } };
  const span = range.toMs - range.fromMs;
  const shift = (by: number) => url.setRaw(String(range.fromMs + by), String(range.toMs + by));
  return (
    <div data-testid="data-testid range-picker" style={{ display: 'flex', justifyContent: 'flex-end', gap: 8, marginBottom: 8 }}>
      <TimeRangePicker
        value={value}
        timeZone={userTimeZone()}
        onChange={(r) => url.setRaw(raw(r.raw.from), raw(r.raw.to))}
        onChangeTimeZone={() => undefined}
        onMoveBackward={() => shift(-span / 2)}
        onMoveForward={() => shift(span / 2)}
        onZoom={() => url.setRaw(String(range.fromMs - span / 2), String(range.toMs + span / 2))}
      />
      <RefreshPicker value={url.refresh} intervals={['10s', '30s', '1m', '5m', '15m']} onRefresh={url.reload} onIntervalChanged={url.setRefresh} />
    </div>
  );
}
