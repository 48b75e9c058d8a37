import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@shadowfleet/exporter';
import { API_TYPES, pluginApiTypes } from './plugin-types';

const [exporterApi, webhookApi] = API_TYPES;

describe("the plugin's API types", () => {
  it.each(API_TYPES.map((api) => [path.relative(repoRoot, api.target), api] as const))('%s is what its service generates today (else run `npm run generate:api-types`)', (_name, api) => {
    expect(readFileSync(api.target, 'utf8')).toBe(pluginApiTypes(api));
  });

  it('spell the policy from the zod schema: its strategies and fields', () => {
    const text = pluginApiTypes(exporterApi!);
    expect(text).toContain("strategy: 'hpa' | 'predictive' | 'tiered';");
    expect(text).toContain('export interface PolicyPreview {');
    expect(text).not.toMatch(/import|@shadowfleet/);
  });

  it("spell the webhook's intents page as its route answers it: states, outcomes and the cursor", () => {
    const text = pluginApiTypes(webhookApi!);
    expect(text).toContain('export interface IntentsPage {\n  intents: IntentView[];\n  next?: string;\n}');
    expect(text).toContain("state: 'finished' | 'queued' | 'running';");
    expect(text).toMatch(/outcome\?: 'abandoned' \| 'applied' \| .*'uncertain';/);
    expect(text).not.toMatch(/import|@shadowfleet/);
  });
});
