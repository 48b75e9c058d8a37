import { applyFieldOverrides, createTheme, getFieldSeriesColor } from '@grafana/data';
import { applyPanelFieldConfig } from './fieldConfig';
import { interpolate, withRateInterval } from './prometheus';
import { legendOf, matrixToFrames } from './frames';
import { tierName } from './tiers';
import { marksOf, mergeFieldConfig } from '../components/common/PromChart';

describe('queries as Grafana would run them', () => {
  it('$__rate_interval = max(step + scrape, 4 × scrape)', () => {
    expect(withRateInterval('rate(x[$__rate_interval])', 30)).toBe('rate(x[60s])');
    expect(withRateInterval('rate(x[$__rate_interval])', 120)).toBe('rate(x[135s])');
    expect(withRateInterval('rate(x[$__rate_interval]) / rate(y[$__rate_interval])')).toBe('rate(x[60s]) / rate(y[60s])');
  });

  it('fills $__range and dashboard variables as Grafana does, and refuses a variable without a value', () => {
    const q = 'avg_over_time((x offset $horizon)[$__range:1m])';
    expect(interpolate(q, { rangeSeconds: 86400, vars: { horizon: '1h' } })).toBe('avg_over_time((x offset 1h)[86400s:1m])');
    expect(() => interpolate(q, { rangeSeconds: 60 })).toThrow('query variable $horizon has no value');
  });

  it('makes an annotation of every step where a series is above 0, as Grafana’s Prometheus annotations do', () => {
    const marks = marksOf(
      [
        { metric: { action: 'activate' }, values: [[60, '0'], [120, '2'], [180, '0']] },
        { metric: { action: 'deactivate' }, values: [[90, '1']] },
      ],
      '{{action}} ×',
      'none'
    );
    expect(marks).toEqual([
      { timeMs: 90_000, text: 'deactivate × 1' },
      { timeMs: 120_000, text: 'activate × 2' },
    ]);
  });

  it('names tiers in legends and keeps units on the fields', () => {
    expect(legendOf('{{pool}} {{tier}}', { pool: 'web', tier: '2' })).toBe('web predictive');
    expect(['1', '2', '3', '9'].map(tierName)).toEqual(['reactive', 'predictive', 'shadow', '9']);
    const [frame] = matrixToFrames([{ metric: { tier: '3' }, values: [[1, '2']] }], 'desired {{tier}}', 'short');
    expect(frame!.fields[1]!.config).toEqual({ displayName: 'desired shadow', unit: 'short' });
  });

  it('keeps the panel field config and puts the app defaults only under it', () => {
    const fc = mergeFieldConfig({ defaults: { unit: 'reqps', min: 0, custom: { fillOpacity: 30 } }, overrides: [{ matcher: { id: 'byName', options: 'a' }, properties: [] }] });
    expect(fc.defaults).toMatchObject({ unit: 'reqps', min: 0, custom: { fillOpacity: 30, lineWidth: 1 } });
    expect(fc.overrides).toHaveLength(1);
    expect(mergeFieldConfig().defaults.unit).toBe('short');
  });
});

describe('panel field config on frames (no dependence on Grafana core registries)', () => {
  it('gives each series its palette colour, the panel unit, and the overrides that match it', () => {
    const theme = createTheme();
    const raw = ['lower', 'upper'].flatMap((b) => matrixToFrames([{ metric: { bound: b }, values: [[1, '2']] }], 'forecast {{bound}}'));
    const fc = mergeFieldConfig({ defaults: { unit: 'reqps' }, overrides: [{ matcher: { id: 'byName', options: 'forecast upper' }, properties: [{ id: 'custom.fillBelowTo', value: 'forecast lower' }] }] });
    const frames = applyFieldOverrides({ data: applyPanelFieldConfig(raw, fc), fieldConfig: { defaults: {}, overrides: [] }, replaceVariables: (v) => v, theme, timeZone: 'utc' });
    const [lower, upper] = frames.map((f) => f.fields[1]!);
    expect([lower!.config.unit, upper!.config.unit]).toEqual(['reqps', 'reqps']);
    expect(upper!.config.custom).toMatchObject({ fillBelowTo: 'forecast lower', lineWidth: 1 });
    expect(lower!.config.custom.fillBelowTo).toBeUndefined();
    const colours = frames.map((f) => getFieldSeriesColor(f.fields[1]!, theme).color);
    expect(new Set(colours).size).toBe(2);
  });
});
