/**
 * The part of Go's text/template that Grafana's route templates use: `{{ .JsonData.key }}` and
 * `{{ .SecureJsonData.key }}` (pkg/api/pluginproxy/utils.go interpolateString). Like Go, a key that
 * is not set renders as "<no value>" (so a missing exporterUrl gives a URL Grafana cannot reach, not
 * a silently empty one). Any other action throws: the fake never accepts a template Grafana might not.
 */
export interface TemplateData {
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
}

const ACTION = /\{\{(.*?)\}\}/g;
const FIELD = /^\s*\.(JsonData|SecureJsonData)\.([A-Za-z_][A-Za-z0-9_]*)\s*$/;

export function interpolate(template: string, data: TemplateData): string {
  return template.replace(ACTION, (_m, inner: string) => {
    const f = FIELD.exec(inner);
    if (!f) {
      throw new Error(`fake Grafana does not implement the template action "{{${inner}}}"`);
    }
    const source: Record<string, unknown> = f[1] === 'JsonData' ? data.jsonData : data.secureJsonData;
    const v = source[f[2]!];
    return v === undefined || v === null ? '<no value>' : String(v);
  });
}

/** Grafana's util.JoinURLFragments: exactly one slash between the route url's path and the rest. */
export function joinUrlFragments(a: string, b: string): string {
  if (b.length === 0) {
    return a;
  }
  const aSlash = a.endsWith('/');
  const bSlash = b.startsWith('/');
  if (aSlash && bSlash) {
    return a + b.slice(1);
  }
  if (!aSlash && !bSlash) {
    return `${a}/${b}`;
  }
  return a + b;
}
