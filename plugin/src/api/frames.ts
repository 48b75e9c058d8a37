import { FieldType, createDataFrame, type DataFrame } from '@grafana/data';
import type { PromSeries } from './prometheus';

/** `{{label}}` in a legend template is replaced by the series' label value, as in Grafana's legend format. */
export function legendOf(template: string, metric: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, k: string) => metric[k] ?? '');
}

/** One DataFrame (time + value) per series of a range answer. */
export function matrixToFrames(series: PromSeries[], legend: string): DataFrame[] {
  return series.map((s) => {
    const name = legendOf(legend, s.metric);
    const values = s.values ?? [];
    return createDataFrame({
      name,
      fields: [
        { name: 'Time', type: FieldType.time, values: values.map(([t]) => t * 1000) },
        { name, type: FieldType.number, values: values.map(([, v]) => Number(v)), config: { displayName: name } },
      ],
    });
  });
}
