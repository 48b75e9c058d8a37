import { readFileSync, readdirSync } from 'fs';
import path from 'path';
import pluginJson from './plugin.json';
import { lastValueFrom, of } from 'rxjs';
import { FieldType, getFieldDisplayName, standardTransformers, toDataFrame, type DataFrame, type RenameByRegexTransformerOptions } from '@grafana/data';
import { QUERIES } from './queries';
import { TIER_NAMES } from './api/tiers';
import { ALL_POOLS, poolRegex } from './api/poolVar';

/** provisioning/grafana: the dashboards, datasource and app provisioning kept beside the plugin. */
const GRAFANA = path.resolve(__dirname, '..', '..', 'provisioning', 'grafana');
const DASHBOARDS = path.join(GRAFANA, 'dashboards');

interface Panel {
  title: string;
  type: string;
  datasource: { uid: string };
  targets: Array<{ expr: string; legendFormat?: string }>;
  transformations?: Array<{ id: string; options: RenameByRegexTransformerOptions }>;
  fieldConfig?: { defaults?: { unit?: string } };
}
interface Dashboard {
  uid: string;
  panels: Panel[];
  templating?: { list: Array<{ name: string; type: string; query: unknown; definition?: string; includeAll?: boolean; allValue?: string; current?: { value: string } }> };
}
const dashboards = readdirSync(DASHBOARDS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, json: JSON.parse(readFileSync(path.join(DASHBOARDS, f), 'utf8')) as Dashboard }));
const exprs = dashboards.flatMap((d) => d.json.panels.flatMap((p) => p.targets.map((t) => ({ file: d.file, panel: p.title, expr: t.expr }))));
const known = new Set<string>(Object.values(QUERIES));

describe('provisioned dashboards and the app show the same queries', () => {
  it('every dashboard query is one of the app’s', () => {
    expect(exprs.filter((e) => !known.has(e.expr))).toEqual([]);
  });

  it('every app query is on some dashboard', () => {
    const used = new Set(exprs.map((e) => e.expr));
    expect(Object.entries(QUERIES).filter(([, q]) => !used.has(q))).toEqual([]);
  });

  it('dashboards pick Prometheus with a data source variable defaulting to the provisioned one, with unique uids', () => {
    const ds = readFileSync(path.join(GRAFANA, 'datasources', 'prometheus.yaml'), 'utf8');
    const uid = /^\s+uid: (\S+)$/m.exec(ds)?.[1];
    expect(uid).toBe('prometheus');
    for (const d of dashboards) {
      expect(d.json.templating?.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }));
      expect(d.json.panels.map((p) => p.datasource.uid).every((u) => u === '${datasource}')).toBe(true);
    }
    expect(new Set(dashboards.map((d) => d.json.uid)).size).toBe(dashboards.length);
  });

  it('a dashboard whose queries use $pool has the app’s pool variable: label_values of shadowfleet_pool_info, All = .* (var-pool=$__all)', () => {
    const using = dashboards.filter((d) => d.json.panels.some((p) => p.targets.some((t) => t.expr.includes('$pool'))));
    expect(using.map((d) => d.file).sort()).toEqual(['forecasts.json', 'overview.json', 'shadow-fleet.json']);
    for (const d of using) {
      expect(d.json.templating?.list).toContainEqual(
        expect.objectContaining({ name: 'pool', type: 'query', definition: 'label_values(shadowfleet_pool_info, pool)', includeAll: true, allValue: poolRegex(ALL_POOLS), current: expect.objectContaining({ value: ALL_POOLS }) })
      );
    }
  });

  it('legends name tiers (reactive / predictive / shadow), as the app does, through Grafana’s own renameByRegex transformations', async () => {
    const tiered = dashboards.flatMap((d) => d.json.panels.filter((p) => p.targets.some((t) => t.legendFormat?.includes('{{tier}}'))));
    expect(tiered.length).toBeGreaterThan(0);
    for (const panel of tiered) {
      for (const [tier, name] of Object.entries(TIER_NAMES)) {
        // The Prometheus data source puts the filled legend in displayNameFromDS.
        const legend = panel.targets.find((t) => t.legendFormat?.includes('{{tier}}'))!.legendFormat!.replace(/\{\{(\w+)\}\}/g, (_m, l: string) => ({ tier, pool: 'web', alertstate: 'firing', target: '3' })[l] ?? l);
        let frames: DataFrame[] = [toDataFrame({ fields: [{ name: 'Value', type: FieldType.number, values: [1], config: { displayNameFromDS: legend } }] })];
        for (const t of panel.transformations ?? []) {
          frames = await lastValueFrom(of(frames).pipe(standardTransformers.renameByRegexTransformer.operator(t.options, { interpolate: (v: string) => v })));
        }
        const shown = getFieldDisplayName(frames[0]!.fields[0]!, frames[0]!);
        expect([panel.title, shown]).toEqual([panel.title, expect.stringContaining(name)]);
        expect(shown).not.toMatch(/tier \d/);
      }
    }
  });

  it('every panel states its unit, and no rate window is hard-coded ($__rate_interval)', () => {
    const panels = dashboards.flatMap((d) => d.json.panels.map((p) => ({ file: d.file, title: p.title, unit: p.fieldConfig?.defaults?.unit })));
    expect(panels.filter((p) => !p.unit)).toEqual([]);
    expect(exprs.filter((e) => /\[\d+[smhd]\]/.test(e.expr))).toEqual([]);
  });

  it('the app provisioning names this plugin and the datasource uid', () => {
    const app = readFileSync(path.join(GRAFANA, 'plugins', 'shadowfleet.yaml'), 'utf8');
    expect(app).toContain(`type: ${pluginJson.id}`);
    expect(app).toContain('prometheusUid: prometheus');
    expect(app).toContain('exporterToken: $SHADOWFLEET_AUTH_TOKEN');
  });
});
