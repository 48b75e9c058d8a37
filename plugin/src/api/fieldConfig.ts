import { fieldMatchers, type DataFrame, type FieldConfig, type FieldConfigSource } from '@grafana/data';

type Config = FieldConfig & Record<string, unknown>;

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` on top of `under`, objects merged key by key (arrays and values replaced). */
function deepMerge(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...under };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isPlain(v) && isPlain(out[k]) ? deepMerge(out[k] as Record<string, unknown>, v) : v;
  }
  return out;
}

function setPath(config: Record<string, unknown>, id: string, value: unknown): void {
  const keys = id.split('.');
  let at = config;
  for (const k of keys.slice(0, -1)) {
    at[k] = isPlain(at[k]) ? { ...(at[k] as Record<string, unknown>) } : {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
}

/**
 * Applies a panel's field config to frames the way a panel does — defaults under each field's own
 * config, then every matching override's properties — without depending on Grafana core's option
 * registry (which a plugin cannot rely on being initialised), so the result is the same in Grafana
 * and in the test host. Matchers come from @grafana/data's registry (byName, byRegexp, byType…).
 */
export function applyPanelFieldConfig(frames: DataFrame[], fc: FieldConfigSource): DataFrame[] {
  return frames.map((frame) => ({
    ...frame,
    fields: frame.fields.map((field) => {
      let config = deepMerge(fc.defaults as Record<string, unknown>, field.config as Record<string, unknown>) as Config;
      for (const o of fc.overrides) {
        const matcher = fieldMatchers.get(o.matcher.id).get(o.matcher.options);
        if (matcher(field, frame, frames)) {
          config = { ...config };
          o.properties.forEach((p) => setPath(config, p.id, p.value));
        }
      }
      return { ...field, config };
    }),
  }));
}
