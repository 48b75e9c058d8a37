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
import { startFakeGrafana } from './fakeGrafana';
import { DIST_DIR, HOST_OUT, PROMETHEUS_UID, TOKEN, UNREACHABLE_UID, startHarness, type Harness } from './harness';

const UPDATE_SHOTS = process.env.SHADOWFLEET_UPDATE_SCREENSHOTS === '1';
const SHOTS =
  UPDATE_SHOTS
    ? path.resolve(__dirname, '..', '..', 'docs', 'screenshots')
    : mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-screenshots-'));
let h: Harness;

interface ProfilesBody {
  built: boolean;
  profiles: Array<{ id: string; name: string }>;
}

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

const open = async (route: string) => {
  await h.page.goto(`${h.grafana.url}/a/${h.grafana.pluginId}/${route}`);
};
const shot = async (name: string) => {
  // No hover tooltip over the picture.
  await h.page.mouse.move(0, 0);
  await h.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};
const byTestId = (id: string) => h.page.locator(`[data-testid="${id}"]`);

afterEach(() => {
  expect(h?.problems ?? []).toEqual([]);
});

describe('Shadowfleet app in Chromium', () => {
  it('Overview: a day of hosts per tier and of forecast vs actual from Prometheus, and decisions with numbers', async () => {
    const api = (await (await fetch(`${h.exporter.url}/v1/decisions`)).json()) as { decisions: Array<{ explanation: string }> };
    expect(api.decisions.length).toBeGreaterThan(0);
    await open('overview');
    await h.page.getByRole('heading', { name: 'Hosts per pool' }).waitFor();
    // Legend entries exist only for series with samples: the backfilled day reached the charts.
    const hosts = byTestId('data-testid overview-hosts');
    for (const name of ['desired reactive', 'desired predictive', 'desired shadow', 'standby wanted', 'serving now', 'standby now']) {
      await hosts.getByText(name, { exact: true }).waitFor();
    }
    const forecast = byTestId('data-testid overview-forecast');
    for (const name of ['forecast point', 'forecast lower', 'forecast upper', 'actual']) {
      await forecast.getByText(name, { exact: true }).waitFor();
    }
    await forecast.locator('canvas').first().waitFor();
    // The webhook's finished scaling actions are annotations on the hosts chart (dashed lines), listed below it.
    const marks = hosts.locator('[data-testid="data-testid chart-annotations"]');
    await marks.waitFor();
    expect(Number(await marks.getAttribute('data-count'))).toBeGreaterThan(0);
    await marks.getByText(/web activate ok ×/).waitFor();
    const decisions = byTestId('data-testid overview-decisions');
    await decisions.waitFor();
    // The exporter decides every 15 s here: the page may have one more than the earlier GET.
    const shown = await decisions.locator('tbody tr').count();
    expect(shown).toBeGreaterThanOrEqual(Math.min(20, api.decisions.length));
    expect(shown).toBeLessThanOrEqual(Math.min(20, api.decisions.length + 1));
    await byTestId('data-testid overview-dry-run').getByText(/^(Dry run|Live)/).waitFor();
    // Times are shown with how long ago they were, not as raw ISO strings.
    await decisions.locator('tbody tr').first().getByText(/ago\)$/).waitFor();
    await shot('overview');
  });

  it('Overview: beside a decision, the real chain that followed (rule → Alertmanager → webhook, dry run), and a link to the forecast then', async () => {
    // Prometheus evaluates the shipped rules, Alertmanager routes ShadowfleetSetHosts to the webhook (dry run):
    // wait until the webhook has counted a set_hosts, then a reloaded page shows it beside a decision.
    await waitFor(async () => (await h.prometheus.query('sum(shadowfleet_webhook_actions_total{action="set_hosts",outcome="dry_run"}) > 0')).length > 0, {
      what: 'the webhook counting a dry-run set_hosts from Alertmanager',
      timeoutMs: 120_000,
      intervalMs: 2000,
    });
    const decisions = byTestId('data-testid overview-decisions');
    await waitFor(
      async () => {
        await open('overview');
        await decisions.waitFor();
        const text = await decisions.innerText();
        if (/Rule: ShadowfleetSetHosts firing → \d+ hosts?/.test(text) && /Webhook: set_hosts dry_run ×\d+/.test(text)) {
          return true;
        }
        throw new Error(`the decisions say: ${text.slice(0, 1500)}`);
      },
      { what: 'a decision row with its rule and webhook outcome', timeoutMs: 90_000, intervalMs: 5000 }
    );
    const row = decisions.locator('tbody tr').filter({ hasText: 'set_hosts dry_run' }).first();
    await row.getByText('dry run: nothing changed').waitFor();
    await row.getByText(/→ \d+ serving, \d+ standby/).waitFor();
    await shot('overview-chain');
    await row.getByRole('link', { name: 'forecast at that moment' }).click();
    await byTestId('data-testid forecasts-accuracy-table').waitFor();
    const url = new URL(h.page.url());
    expect(url.pathname).toBe(`/a/${h.grafana.pluginId}/forecasts`);
    expect(Number(url.searchParams.get('to')) - Number(url.searchParams.get('from'))).toBe(4 * 3600_000);
  });

  it('Profiles: the exporter’s profiles with size and traits', async () => {
    const body = (await (await fetch(`${h.exporter.url}/v1/profiles`)).json()) as ProfilesBody;
    await open('profiles');
    const table = byTestId('data-testid profiles-table');
    await table.waitFor();
    for (const p of body.profiles) {
      await table.getByText(p.name, { exact: true }).first().waitFor();
    }
    expect(await table.locator('tbody tr').count()).toBe(body.profiles.length);
    await shot('profiles');
  });

  it('Forecasts: accuracy per horizon with interval coverage; the horizon and time range controls act', async () => {
    await open('forecasts');
    const table = byTestId('data-testid forecasts-accuracy-table');
    await table.waitFor({ timeout: 60_000 });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(5);
    // The replayed day has 15m, 1h and 6h forecasts: coverage and error are percentages over > 16 hours of minutes.
    for (const [i, h] of ['15m', '1h', '6h'].entries()) {
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      expect(cells[0]).toBe(h);
      expect(cells[1]).toMatch(/^\d+(\.\d)?%$/);
      expect(cells[2]).toMatch(/^\d+(\.\d)?%$/);
      expect(Number(cells[3]!.replace(/\D/g, ''))).toBeGreaterThan(1000);
    }
    // No replayed 7-day-ahead forecast: nothing to compare, and the page says so instead of a number.
    await expect(rows.nth(4).locator('td').allInnerTexts()).resolves.toEqual(['7d', '—', '—', 'none in this range']);
    const chart = byTestId('data-testid forecasts-accuracy-chart');
    await chart.getByText('forecast upper', { exact: true }).waitFor();
    // The horizon control re-queries Prometheus for the forecast made 1 h earlier, and keeps it in the URL.
    const asked = h.page.waitForRequest((r) => (new URL(r.url()).searchParams.get('query') ?? '').includes('horizon="1h"} offset 1h'));
    await byTestId('data-testid forecasts-accuracy').getByRole('radio', { name: '1h', exact: true }).click();
    await asked;
    expect(new URL(h.page.url()).searchParams.get('horizon')).toBe('1h');
    await chart.getByText('actual', { exact: true }).waitFor();
    await shot('forecasts');
    // The time range lives in the URL (as Grafana's): the last 6 hours compare fewer minutes.
    await h.page.goto(`${h.page.url().split('?')[0]}?from=now-6h&to=now&horizon=15m`);
    await table.waitFor();
    const minutes = Number((await rows.first().locator('td').nth(3).innerText()).replace(/\D/g, ''));
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThanOrEqual(360);
    // Grafana's refresh picker: "Refresh" loads the page's queries again against a new "now" …
    const coverageQuery = (r: { url(): string }) => (new URL(r.url()).searchParams.get('query') ?? '').startsWith('avg_over_time(((');
    const again = h.page.waitForRequest(coverageQuery);
    await h.page.locator('[data-testid="data-testid RefreshPicker run button"]').click();
    await again;
    // … and an interval in the URL (`refresh=10s`, as Grafana writes it) reloads them on its own.
    await h.page.goto(`${h.page.url().split('?')[0]}?from=now-6h&to=now&refresh=10s`);
    await table.waitFor();
    await h.page.waitForRequest(coverageQuery, { timeout: 25_000 });
  });

  it('Forecasts: next peak, horizons, the complexity load forecast and model, action costs', async () => {
    await open('forecasts');
    await byTestId('data-testid forecasts-next-peak').waitFor();
    await byTestId('data-testid forecasts-model').getByText(/^Next-action model /).waitFor();
    // In the pool model's complexity unit (issue 12: `complexityUnit`, e.g. kib), read from shadowfleet_pool_info.
    await byTestId('data-testid forecasts-complexity-unit').getByText(/^Complexity load in kib /).waitFor();
    await h.page.getByText(/^Costliest actions, in \S+/).waitFor({ timeout: 60_000 });
  });

  it('Shadow fleet: standby targets per template and the activation history', async () => {
    await open('shadow-fleet');
    await h.page.getByRole('heading', { name: /Standby hosts the plan wants ready now/ }).waitFor();
    await h.page.getByRole('heading', { name: /Warming and activations/ }).waitFor();
    await shot('shadow-fleet');
  });

  it('Experiments: a live A/B experiment with its intervals and verdict, as the exporter decided it', async () => {
    // Two matched segments of a live experiment (an interval needs two), sent as a load tester would.
    for (const [c, t] of [
      [120, 100],
      [130, 104],
      [125, 99],
    ]) {
      const res = await fetch(`${h.exporter.url}/v1/experiments/browser-ab/segments`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'tiered vs hpa (browser test)', control: c, treatment: t, control_slo: 0.2, treatment_slo: 0.21 }),
      });
      expect(res.status).toBe(201);
    }
    const api = (await (await fetch(`${h.exporter.url}/v1/experiments`)).json()) as { experiments: Array<{ verdict: string }> };
    await open('experiments');
    await h.page.getByRole('heading', { name: 'tiered vs hpa (browser test)' }).waitFor();
    await h.page.getByText(api.experiments[0]!.verdict, { exact: true }).waitFor();
    await h.page.getByRole('columnheader', { name: 'Treatment − control [95 % CI]' }).waitFor();
    await h.page.getByRole('cell', { name: 'decision metric' }).waitFor();
    await shot('experiments');
  });

  it('Tuning: the exporter names a bad field; a previewed change is saved through the PUT route, as the signed-in user', async () => {
    await open('tuning');
    const maxHosts = h.page.getByLabel('Maximum hosts', { exact: true });
    await maxHosts.waitFor();
    await byTestId('data-testid tuning-provenance').waitFor();
    await maxHosts.fill('0');
    await h.page.getByRole('button', { name: 'Preview in the simulator' }).click();
    await h.page.getByText('bounds.maxHosts must be ≥ 1').first().waitFor();
    await expect(h.page.getByRole('button', { name: 'Save policy' }).isDisabled()).resolves.toBe(true);

    await maxHosts.fill('40');
    await h.page.getByLabel('Scale-down cooldown', { exact: true }).fill('15');
    await byTestId('data-testid tuning-diff').getByText('bounds.maxHosts').waitFor();
    await h.page.getByRole('button', { name: 'Preview in the simulator' }).click();
    await byTestId('data-testid tuning-preview').waitFor({ timeout: 60_000 });
    await shot('tuning');
    await h.page.getByRole('button', { name: 'Save policy' }).click();
    // A preview the simulator rates worse asks for confirmation first.
    if (await byTestId('data-testid tuning-worse').isVisible()) {
      await h.page.getByRole('button', { name: 'Save anyway' }).click();
    }
    await h.page.getByText(/is in force, saved /).waitFor();

    const saved = (await (await fetch(`${h.exporter.url}/v1/policy`)).json()) as {
      version?: number;
      updatedBy?: string;
      policy: { bounds: { maxHosts: number }; cooldowns: { scaleDownMinutes: number } };
    };
    expect(saved.policy.bounds.maxHosts).toBe(40);
    expect(saved.policy.cooldowns.scaleDownMinutes).toBe(15);
    // The write went through the plugin's PUT route, which carries the token, and Grafana named the user.
    const put = h.grafana.proxied.find((p) => p.method === 'PUT');
    expect(put).toMatchObject({ target: `${h.exporter.url}/v1/policy` });
    expect(put?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(put?.headers['x-grafana-user']).toBe(h.grafana.user.login);
    if (saved.version !== undefined) {
      // The issue-12 exporter: the change is recorded as the user's and reaches the next decision.
      expect(saved.updatedBy).toBe(`grafana:${h.grafana.user.login}`);
      await waitFor(
        async () => {
          const d = (await (await fetch(`${h.exporter.url}/v1/decisions`)).json()) as { decisions: Array<{ policy_version?: number }> };
          return d.decisions[0]?.policy_version === saved.version;
        },
        { what: 'the next decision under the saved policy version', timeoutMs: 120_000, intervalMs: 2000 }
      );
    }
  });

  it('a plain "path": "exporter" route (no /*) fails in the Grafana-faithful host, and the page says why', async () => {
    const grafana = await startFakeGrafana({
      distDir: DIST_DIR,
      hostDir: HOST_OUT,
      routes: [{ path: 'exporter', method: 'GET', reqRole: 'Viewer', url: '{{ .JsonData.exporterUrl }}' }],
    });
    try {
      grafana.settings.jsonData = { ...h.grafana.settings.jsonData };
      await h.page.goto(`${grafana.url}/a/${grafana.pluginId}/profiles`);
      await h.page.getByText(/Grafana has no plugin proxy route for GET \/v1\/profiles/).waitFor();
      expect(grafana.proxied).toEqual([]);
    } finally {
      await grafana.close();
    }
  });

  it('a Viewer does not get the Tuning page by its URL, and Grafana refuses a policy write for them', async () => {
    const admin = h.grafana.user;
    h.grafana.user = { login: 'viewer', role: 'Viewer' };
    try {
      await open('tuning');
      await h.page.getByText('Tuning needs the Editor role').waitFor();
      const res = await fetch(`${h.grafana.url}/api/plugin-proxy/${h.grafana.pluginId}/exporter/v1/policy`, { method: 'PUT', body: '{}' });
      expect(res.status).toBe(403);
    } finally {
      h.grafana.user = admin;
    }
  });

  it('Configuration: the token stays server-side; saved settings reach the proxy', async () => {
    await h.page.goto(`${h.grafana.url}/plugins/${h.grafana.pluginId}`);
    const url = byTestId('data-testid ac-exporter-url');
    await url.waitFor();
    await expect(url.inputValue()).resolves.toBe(h.exporter.url);
    const meta = await (await fetch(`${h.grafana.url}/api/plugins/${h.grafana.pluginId}/settings`)).text();
    expect(meta).not.toContain(TOKEN);
    await url.fill('not a url');
    await h.page.getByText('must be an absolute URL such as http://exporter:9464').waitFor();
    await url.fill(h.exporter.url);
    // Test connection checks the saved settings end to end: exporter, token, Prometheus.
    await h.page.getByRole('button', { name: 'Test connection (saved settings)' }).click();
    const check = byTestId('data-testid ac-connection-check');
    await check.getByText(/^Prometheus: /).waitFor({ timeout: 120_000 });
    const text = await check.innerText();
    for (const title of ['Exporter: OK', 'Token: OK', 'Prometheus: OK']) {
      expect(text).toContain(title);
    }
    await shot('configuration');
    // Save posts the settings, then reloads the page as Grafana needs: wait for that reload, or the next
    // test's navigation races it.
    const reloaded = h.page.waitForEvent('load');
    await h.page.getByRole('button', { name: 'Save settings' }).click();
    await reloaded;
    expect(h.grafana.settings.jsonData).toEqual({ exporterUrl: h.exporter.url, prometheusUid: PROMETHEUS_UID });
    expect(h.grafana.settings.secureJsonData).toEqual({ exporterToken: TOKEN });
  });

  it('Configuration: the data source picker lists Grafana’s Prometheus data sources; a bad pick is saved and Test connection says what to fix', async () => {
    await h.page.goto(`${h.grafana.url}/plugins/${h.grafana.pluginId}`);
    const picker = byTestId('data-testid ac-prometheus-picker');
    await picker.getByText('Prometheus (browser test)').waitFor();
    await h.page.locator('#config-prometheus-uid').click();
    await h.page.getByText('Prometheus (unreachable)', { exact: true }).click();
    const reloaded = h.page.waitForEvent('load');
    await h.page.getByRole('button', { name: 'Save settings' }).click();
    await waitFor(async () => h.grafana.settings.jsonData.prometheusUid === UNREACHABLE_UID, { what: 'the picked data source saved', timeoutMs: 10_000 });
    await reloaded;
    try {
      await picker.getByText('Prometheus (unreachable)').waitFor();
      await h.page.getByRole('button', { name: 'Test connection (saved settings)' }).click();
      await byTestId('data-testid ac-connection-check').getByText(/could not reach data source "prometheus-unreachable": check its URL under Connections → Data sources/).waitFor({ timeout: 60_000 });
      await expect(byTestId('data-testid ac-connection-check').innerText()).resolves.toContain('Prometheus: problem');
    } finally {
      h.grafana.settings.jsonData = { ...h.grafana.settings.jsonData, prometheusUid: PROMETHEUS_UID };
    }
  });
});
