import React from 'react';
import {
  FieldColorModeId,
  applyFieldOverrides,
  dateTime,
  type DataFrame,
  type FieldConfigSource,
  type TimeRange,
} from '@grafana/data';
import { Alert, DrawStyle, LegendDisplayMode, TimeSeries, useTheme2 } from '@grafana/ui';
import { applyPanelFieldConfig } from '../../api/fieldConfig';
import { matrixToFrames } from '../../api/frames';
import { promRange } from '../../api/prometheus';
import { useFetched } from '../../api/useFetched';
import { FetchedView } from './FetchedView';
import { useSettings } from './SettingsContext';
import { formatWhen, userTimeZone } from './time';
import { useWidth } from './useWidth';
import type { Fetched } from '../../api/exporter';

export interface ChartQuery {
  expr: string;
  /** Legend template, e.g. "{{horizon}} {{bound}}" (tiers are shown by name). */
  legend: string;
  /** Grafana unit id of this query's values ("reqps", "short", "s"…); overrides the panel unit. */
  unit?: string;
}

interface Props {
  queries: ChartQuery[];
  /** How far back to look, in seconds. */
  seconds?: number;
  height?: number;
  testId?: string;
  /** The panel's field config (unit, min, decimals, custom draw options, overrides), kept as given. */
  fieldConfig?: Partial<FieldConfigSource>;
  /** Data whose newest sample is older than this is labelled stale (default: 10 minutes). */
  staleAfterSeconds?: number;
}

interface Loaded {
  frames: DataFrame[];
  timeRange: TimeRange;
  newestMs: number;
  /** The newest sample was older than `staleAfterSeconds` when loaded. */
  stale: boolean;
}

async function loadAll(uid: string, queries: ChartQuery[], seconds: number, staleAfterSeconds: number): Promise<Fetched<Loaded>> {
  const now = Date.now();
  const answers = await Promise.all(queries.map((q) => promRange(uid, q.expr, seconds, now)));
  const frames: DataFrame[] = [];
  for (const [i, a] of answers.entries()) {
    if (a.kind !== 'ok') {
      return a;
    }
    frames.push(...matrixToFrames(a.data, queries[i]!.legend, queries[i]!.unit));
  }
  const newestMs = Math.max(-Infinity, ...frames.map((f) => Number(f.fields[0]?.values.at(-1) ?? -Infinity)));
  const timeRange: TimeRange = { from: dateTime(now - seconds * 1000), to: dateTime(now), raw: { from: `now-${seconds}s`, to: 'now' } };
  return { kind: 'ok', data: { frames, timeRange, newestMs, stale: now - newestMs > staleAfterSeconds * 1000 } };
}

const DEFAULT_CUSTOM = { drawStyle: DrawStyle.Line, lineWidth: 1, fillOpacity: 8, showPoints: 'auto', spanNulls: true, axisBorderShow: true };

/** The panel field config with the app's drawing defaults under it (the panel's own values win). */
export function mergeFieldConfig(fc: Partial<FieldConfigSource> = {}): FieldConfigSource {
  const d = fc.defaults ?? {};
  return {
    defaults: { color: { mode: FieldColorModeId.PaletteClassic }, unit: 'short', ...d, custom: { ...DEFAULT_CUSTOM, ...(d.custom ?? {}) } },
    overrides: fc.overrides ?? [],
  };
}

const relative = (seconds: number) => (seconds % 3600 === 0 ? `last ${seconds / 3600} h` : `last ${Math.round(seconds / 60)} min`);

/** A time series chart of PromQL range queries, drawn with Grafana's own TimeSeries component. */
export function PromChart({ queries, seconds = 3600, height = 260, testId, fieldConfig, staleAfterSeconds = 600 }: Props) {
  const { prometheusUid } = useSettings();
  const theme = useTheme2();
  const timeZone = userTimeZone();
  const [ref, width] = useWidth<HTMLDivElement>();
  const key = JSON.stringify([prometheusUid, queries, seconds, staleAfterSeconds]);
  const { result } = useFetched(() => loadAll(prometheusUid, queries, seconds, staleAfterSeconds), key);
  return (
    <div ref={ref} data-testid={testId}>
      <FetchedView what={`Prometheus: ${queries.map((q) => q.expr).join(', ')}`} result={result}>
        {({ frames: raw, timeRange, newestMs, stale }) => {
          if (raw.length === 0) {
            return <p>No samples in Prometheus for this query in the {relative(seconds)}.</p>;
          }
          const frames = applyFieldOverrides({
            data: applyPanelFieldConfig(raw, mergeFieldConfig(fieldConfig)),
            fieldConfig: { defaults: {}, overrides: [] },
            replaceVariables: (v) => v,
            theme,
            timeZone,
          });
          return (
            <>
              {stale ? (
                <Alert severity="warning" title="Stale data" data-testid="data-testid chart-stale">
                  The newest sample is from {formatWhen(newestMs)}: Prometheus has not received these series since.
                </Alert>
              ) : null}
              <TimeSeries
                frames={frames}
                width={width}
                height={height}
                timeRange={timeRange}
                timeZone={timeZone}
                legend={{ displayMode: LegendDisplayMode.List, placement: 'bottom', showLegend: true, calcs: [] }}
              />
            </>
          );
        }}
      </FetchedView>
    </div>
  );
}
