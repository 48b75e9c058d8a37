import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths';
import { parseTrendSettings, trendSettingsSchema } from './settings';

describe('trend settings', () => {
  test('defaults: one default template, 5-minute cold start, 15 sustained minutes, 95 % level, hourly refresh', () => {
    expect(parseTrendSettings({})).toEqual({
      coldStartMinutes: 5,
      tier1Hosts: 0,
      minSustainedMinutes: 15,
      level: 0.95,
      stepMinutes: 15,
      horizonHours: 168,
      maxHistoryDays: 28,
      refreshMinutes: 60,
      templates: [{ name: 'general', stack: 'default', profiles: [] }],
    });
  });

  test.each([
    [{ capacityPerHost: -3 }, 'capacityPerHost: must be > 0'],
    [{ stepMinutes: 7 }, 'stepMinutes: must divide an hour'],
    [{ templates: [] }, 'templates: must declare at least one template'],
    [{ templates: [{ name: 'a', stack: '' }] }, 'templates.0.stack: must name the software stack'],
    [{ colStart: 5 }, 'colStart: is not a known field'],
    [{ tier3Sizing: 'plan' }, 'tier3Sizing: is not a known field'],
  ])('names the bad field: %j', (raw, message) => {
    expect(() => parseTrendSettings(raw, 'trend settings x.json')).toThrow(message);
  });

  test('every field is documented in the settings table of docs/trends.md', () => {
    const section = readFileSync(path.join(repoRoot, 'docs', 'trends.md'), 'utf8');
    for (const key of Object.keys(trendSettingsSchema.shape)) expect(section).toContain(`\`${key}\``);
  });
});
