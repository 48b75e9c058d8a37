import { FieldType, createDataFrame, type DataFrame } from '@grafana/data';
import type { PromSeries } from './prometheus';
import { labelText } from './tiers';

/**
 * `{{label}}` in a legend template is replaced by the series' label value, as in Grafana's legend
 * format (tiers by name: reactive / predictive / shadow).
 */
export function legendOf(template: string, metric: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, k: string) => labelText(k, metric[k]));
}

/** One DataFrame (time + value) per series of a range answer; `unit` is a Grafana unit id ("reqps", "short"…). */
export function matrixToFrames(series: PromSeries[], legend: string, unit?: string): DataFrame[] {
  return series.map((s) => {
    const name = legendOf(legend, s.metric);
    const values = s.values ?? [];
    return createDataFrame({
      name,
      fields: [
        { name: 'Time', type: FieldType.time, values: values.map(([t]) => t * 1000) },
        { name, type: FieldType.number, values: values.map(([, v]) => Number(v)), config: { displayName: name, ...(unit ? { unit } : {}) } },
      ],
    });
  });
}
