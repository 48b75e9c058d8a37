import { readFileSync } from 'node:fs';
import { API_TYPES_TARGET, pluginApiTypes } from './plugin-types';

describe("the plugin's API types", () => {
  it('are what the exporter generates today (else run `npm run generate:api-types`)', () => {
    expect(readFileSync(API_TYPES_TARGET, 'utf8')).toBe(pluginApiTypes());
  });

  it('spell the policy from the zod schema: its strategies and fields', () => {
    const text = pluginApiTypes();
    expect(text).toContain("strategy: 'hpa' | 'predictive' | 'tiered';");
    expect(text).toContain('export interface PolicyPreview {');
    expect(text).not.toMatch(/import|@shadowfleet/);
  });
});
