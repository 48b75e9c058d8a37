import React from 'react';
import {
  FieldColorModeId,
  applyFieldOverrides,
  dateTime,
  type DataFrame,
  type TimeRange,
} from '@grafana/data';
import { DrawStyle, LegendDisplayMode, TimeSeries, useTheme2 } from '@grafana/ui';
import { matrixToFrames } from '../../api/frames';
import { promRange } from '../../api/prometheus';
import { useFetched } from '../../api/useFetched';
import { FetchedView } from './FetchedView';
import { useSettings } from './SettingsContext';
import { useWidth } from './useWidth';
import type { Fetched } from '../../api/exporter';

export interface ChartQuery {
  expr: string;
  /** Legend template, e.g. "{{horizon}} {{bound}}" */
  legend: string;
}

interface Props {
  queries: ChartQuery[];
  /** How far back to look, in seconds. */
  seconds?: number;
  height?: number;
  testId?: string;
}

interface Loaded {
  frames: DataFrame[];
  timeRange: TimeRange;
}

async function loadAll(uid: string, queries: ChartQuery[], seconds: number): Promise<Fetched<Loaded>> {
  const now = Date.now();
  const answers = await Promise.all(queries.map((q) => promRange(uid, q.expr, seconds, now)));
  const frames: DataFrame[] = [];
  for (const [i, a] of answers.entries()) {
    if (a.kind !== 'ok') {
      return a;
    }
    frames.push(...matrixToFrames(a.data, queries[i]!.legend));
  }
  const timeRange: TimeRange = { from: dateTime(now - seconds * 1000), to: dateTime(now), raw: { from: `now-${seconds}s`, to: 'now' } };
  return { kind: 'ok', data: { frames, timeRange } };
}

/** A time series chart of PromQL range queries, drawn with Grafana's own TimeSeries component. */
export function PromChart({ queries, seconds = 3600, height = 260, testId }: Props) {
  const { prometheusUid } = useSettings();
  const theme = useTheme2();
  const [ref, width] = useWidth<HTMLDivElement>();
  const key = JSON.stringify([prometheusUid, queries, seconds]);
  const { result } = useFetched(() => loadAll(prometheusUid, queries, seconds), key);
  return (
    <div ref={ref} data-testid={testId}>
      <FetchedView what={`Prometheus: ${queries.map((q) => q.expr).join(', ')}`} result={result}>
        {({ frames: raw, timeRange }) => {
          if (raw.length === 0) {
            return <p>No samples in Prometheus for this query in the last {Math.round(seconds / 60)} minutes.</p>;
          }
          const frames = applyFieldOverrides({
            data: raw,
            fieldConfig: {
              defaults: {
                color: { mode: FieldColorModeId.PaletteClassic },
                custom: { drawStyle: DrawStyle.Line, lineWidth: 1, fillOpacity: 8, showPoints: 'auto', spanNulls: true },
              },
              overrides: [],
            },
            replaceVariables: (v) => v,
            theme,
            timeZone: 'utc',
          });
          return (
            <TimeSeries
              frames={frames}
              width={width}
              height={height}
              timeRange={timeRange}
              timeZone="utc"
              legend={{ displayMode: LegendDisplayMode.List, placement: 'bottom', showLegend: true, calcs: [] }}
            />
          );
        }}
      </FetchedView>
    </div>
  );
}
