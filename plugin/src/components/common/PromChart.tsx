import React from 'react';
import {
  FieldColorModeId,
  applyFieldOverrides,
  formattedValueToString,
  getValueFormat,
  dateTime,
  type DataFrame,
  type FieldConfigSource,
  type TimeRange,
} from '@grafana/data';
import { Alert, DrawStyle, LegendDisplayMode, LinkButton, TimeSeries, useTheme2 } from '@grafana/ui';
import { exploreUrl } from '../../api/exploreUrl';
import { countOf, pluralised } from '../../api/plural';
import { applyPanelFieldConfig } from '../../api/fieldConfig';
import { legendOf, matrixToFrames } from '../../api/frames';
import { AnnotationMarks, type Mark } from './AnnotationMarks';
import { promRange, type PromSeries, type QueryVars, type Range } from '../../api/prometheus';
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
  /** How far back to look, in seconds (when no `range` is given). */
  seconds?: number;
  /** An absolute time range (e.g. from the page URL); wins over `seconds`. */
  range?: Range;
  /** Values for `$name` variables in the queries (e.g. `$horizon`). */
  vars?: QueryVars;
  /**
   * Annotations from Prometheus, as Grafana's Prometheus annotation query makes them: every step where
   * a series of `expr` is above 0 becomes a mark, titled by the `text` template ("{{action}}") and the value.
   */
  annotations?: { expr: string; text: string; unit?: string; /** What they are, plural ("scaling actions"). */ name: string };
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
  marks: Mark[];
}

/** Marks where an annotation series is above 0 (one per series and step). */
export function marksOf(series: PromSeries[], text: string, unit = 'short'): Mark[] {
  const fmt = getValueFormat(unit);
  return series
    .flatMap((s) =>
      (s.values ?? [])
        .filter(([, v]) => Number(v) > 0)
        .map(([t, v]) => ({ timeMs: t * 1000, text: `${legendOf(text, s.metric)} ${formattedValueToString(fmt(Number(v)))}`.trim() }))
    )
    .sort((a, b) => a.timeMs - b.timeMs);
}

async function loadAll(uid: string, queries: ChartQuery[], range: Range, staleAfterSeconds: number, vars?: QueryVars, annotations?: Props['annotations']): Promise<Fetched<Loaded>> {
  const now = Date.now();
  let marks: Mark[] = [];
  if (annotations) {
    const a = await promRange(uid, annotations.expr, range, vars);
    if (a.kind !== 'ok') {
      return a;
    }
    marks = marksOf(a.data, annotations.text, annotations.unit);
  }
  const answers = await Promise.all(queries.map((q) => promRange(uid, q.expr, range, vars)));
  const frames: DataFrame[] = [];
  for (const [i, a] of answers.entries()) {
    if (a.kind !== 'ok') {
      return a;
    }
    frames.push(...matrixToFrames(a.data, queries[i]!.legend, queries[i]!.unit));
  }
  const newestMs = Math.max(-Infinity, ...frames.map((f) => Number(f.fields[0]?.values.at(-1) ?? -Infinity)));
  const timeRange: TimeRange = { from: dateTime(range.fromMs), to: dateTime(range.toMs), raw: { from: dateTime(range.fromMs), to: dateTime(range.toMs) } };
  // Only a range that reaches now can be stale (a past range is old on purpose).
  const live = now - range.toMs < 60_000;
  return { kind: 'ok', data: { frames, timeRange, newestMs, stale: live && now - newestMs > staleAfterSeconds * 1000, marks } };
}

/** `axisWidth`: a fixed y-axis width, so tick labels with their unit ("1.5 req/s", "10 hosts") are never cut. */
const DEFAULT_CUSTOM = { drawStyle: DrawStyle.Line, lineWidth: 1, fillOpacity: 8, showPoints: 'auto', spanNulls: true, axisBorderShow: true, axisWidth: 72 };

/** The panel field config with the app's drawing defaults under it (the panel's own values win). */
export function mergeFieldConfig(fc: Partial<FieldConfigSource> = {}): FieldConfigSource {
  const d = fc.defaults ?? {};
  return {
    defaults: { color: { mode: FieldColorModeId.PaletteClassic }, unit: 'short', ...d, custom: { ...DEFAULT_CUSTOM, ...(d.custom ?? {}) } },
    overrides: fc.overrides ?? [],
  };
}

/** Each field's display (tooltip, axis ticks) says "1 host", not Grafana's "1 hosts". */
function singularOnes(frames: DataFrame[]): DataFrame[] {
  return frames.map((f) => ({
    ...f,
    fields: f.fields.map((field) => {
      const display = field.display;
      return display ? { ...field, display: (v: unknown) => pluralised(display(v), Number(v)) } : field;
    }),
  }));
}

const relative = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600} h` : `${Math.round(seconds / 60)} min`);

/** A time series chart of PromQL range queries, drawn with Grafana's own TimeSeries component. */
export function PromChart({ queries, seconds = 3600, range, vars, annotations, height = 260, testId, fieldConfig, staleAfterSeconds = 600 }: Props) {
  const { prometheusUid } = useSettings();
  const theme = useTheme2();
  const timeZone = userTimeZone();
  const [ref, width] = useWidth<HTMLDivElement>();
  const key = JSON.stringify([prometheusUid, queries, range ?? seconds, vars, staleAfterSeconds, annotations]);
  const { result } = useFetched(() => {
    const toMs = range?.toMs ?? Date.now();
    return loadAll(prometheusUid, queries, range ?? { fromMs: toMs - seconds * 1000, toMs }, staleAfterSeconds, vars, annotations);
  }, key);
  const span = range ? (range.toMs - range.fromMs) / 1000 : seconds;
  return (
    <div ref={ref} data-testid={testId}>
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        {/* Grafana's panel menu "Explore": this chart's queries, data source and time range in Explore. */}
        <LinkButton size="sm" variant="secondary" fill="text" icon="compass" data-testid="data-testid chart-explore" href={exploreUrl(prometheusUid, queries, range ?? { lastSeconds: seconds }, vars)}>
          Explore
        </LinkButton>
      </div>
      <FetchedView what={`Prometheus: ${queries.map((q) => q.expr).join(', ')}`} result={result}>
        {({ frames: raw, timeRange, newestMs, stale, marks }) => {
          if (raw.length === 0) {
            return <p>No samples in Prometheus for this query in these {relative(Math.round(span))}.</p>;
          }
          const frames = singularOnes(
            applyFieldOverrides({
              data: applyPanelFieldConfig(raw, mergeFieldConfig(fieldConfig)),
              fieldConfig: { defaults: {}, overrides: [] },
              replaceVariables: (v) => v,
              theme,
              timeZone,
            })
          );
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
              >
                {(config) => <AnnotationMarks config={config} marks={marks} color={theme.colors.warning.main} />}
              </TimeSeries>
              {annotations ? <AnnotationSummary marks={marks} name={annotations.name} /> : null}
            </>
          );
        }}
      </FetchedView>
    </div>
  );
}

/** What the dashed lines are: how many annotations and the latest few, in the user's time zone. */
function AnnotationSummary({ marks, name }: { marks: Mark[]; name: string }) {
  const latest = marks.slice(-3).reverse();
  return (
    <p data-testid="data-testid chart-annotations" data-count={marks.length}>
      {marks.length === 0
        ? `No ${name} in this range (dashed lines would mark them).`
        : `Dashed lines: ${name} at ${countOf(marks.length, 'moment')}; latest: ${latest.map((m) => `${m.text} at ${formatWhen(m.timeMs)}`).join('; ')}.`}
    </p>
  );
}
