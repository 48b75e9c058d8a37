/**
 * The built plugin (dist/module.js) in Debian's Chromium, outside Grafana: each page is loaded the
 * way Grafana loads an app, its requests go through the Grafana stand-in's plugin proxy to the real
 * exporter and through the datasource proxy to a real Prometheus. Screenshots go to docs/screenshots.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startHarness, type Harness } from './harness';

const SHOTS = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
let h: Harness;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

const open = async (route: string) => {
  await h.page.goto(`${h.grafana.url}/a/${h.grafana.pluginId}/${route}`);
};
const shot = (name: string) => h.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

describe('Shadowfleet app in Chromium', () => {
  it('Overview shows pools, recommendations, the forecast chart and the decisions state', async () => {
    await open('overview');
    await h.page.getByText('Hosts per pool').waitFor();
    await h.page.getByText('Latest decisions').waitFor();
    await h.page.getByText('Not available from this exporter yet').first().waitFor();
    await shot('overview');
    expect(h.problems).toEqual([]);
  });
});
