/**
 * The built plugin (dist/module.js) in Debian's Chromium, outside Grafana: each page is loaded the
 * way Grafana loads an app; its requests go through the Grafana stand-in's plugin proxy (routes from
 * the built plugin.json) to the real exporter, and through the datasource proxy to a real Prometheus
 * scraping that exporter. Screenshots go to a temporary folder; with SHADOWFLEET_UPDATE_SCREENSHOTS=1
 * they replace docs/screenshots (shown in the README), so a test run leaves the work tree untouched.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '@shadowfleet/e2e/dist/support';
import { configurationCases } from './cases/configuration';
import { browserCase } from './cases/context';
import { forecastsCases } from './cases/forecasts';
import { overviewCases } from './cases/overview';
import { pagesCases } from './cases/pages';
import { tuningCases } from './cases/tuning';
import { TOKEN, startHarness, type Harness } from './harness';

const UPDATE_SHOTS = process.env.SHADOWFLEET_UPDATE_SCREENSHOTS === '1';
const SHOTS =
  UPDATE_SHOTS
    ? path.resolve(__dirname, '..', '..', 'docs', 'screenshots')
    : mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-screenshots-'));
let h: Harness;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness();
  // The exporter imports its bundled samples on first start (409 no_data until then); build profiles from them.
  await waitFor(
    async () => {
      const res = await fetch(`${h.exporter.url}/v1/profiles/rebuild`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } });
      if (res.status !== 200 && res.status !== 409) {
        throw new Error(`rebuild answered ${res.status}: ${await res.text()}`);
      }
      return res.status === 200;
    },
    { what: 'exporter profile rebuild on the bundled samples', timeoutMs: 120_000, intervalMs: 1000 }
  );
  await waitFor(async () => (await h.prometheus.query('up{job="shadowfleet-exporter"} == 1')).length > 0, {
    what: 'Prometheus scraping the exporter',
    timeoutMs: 60_000,
  });
}, 300_000);

afterAll(async () => {
  await h?.stop();
  if (!UPDATE_SHOTS) rmSync(SHOTS, { recursive: true, force: true });
});

afterEach(() => {
  expect(h?.problems ?? []).toEqual([]);
});

describe('Shadowfleet app in Chromium', () => {
  // One harness for every page's cases (starting it backfills a day into Prometheus); cases by page in cases/.
  const c = browserCase(() => h, SHOTS);
  overviewCases(c);
  pagesCases(c);
  forecastsCases(c);
  tuningCases(c);
  configurationCases(c);
});
