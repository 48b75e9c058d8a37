/** The Overview page: hosts and forecast charts from the backfilled day, decisions with their numbers, and the real chain (rule → Alertmanager → webhook intents) beside each. */
import { waitFor } from '@shadowfleet/e2e/dist/support';
import { WEBHOOK_READ_TOKEN } from '../alertChain';
import { PROMETHEUS_UID } from '../harness';
import { explorePane, type BrowserCase } from './context';

export function overviewCases(c: BrowserCase): void {
  const { open, shot, byTestId } = c;
  it('Overview: a day of hosts per tier and of forecast vs actual from Prometheus, and decisions with numbers', async () => {
    const api = (await (await fetch(`${c.h.exporter.url}/v1/decisions`)).json()) as { decisions: Array<{ explanation: string }> };
    expect(api.decisions.length).toBeGreaterThan(0);
    await open('overview');
    await c.h.page.getByRole('heading', { name: 'Hosts per pool' }).waitFor();
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
    await waitFor(async () => (await c.h.prometheus.query('sum(shadowfleet_webhook_actions_total{action="set_hosts",outcome="dry_run"}) > 0')).length > 0, {
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
    // The webhook's own intents for that decision, read through the app's `webhook/v1/intents` route.
    const intent = decisions.locator('[data-testid="data-testid decision-intents"] li').filter({ hasText: /set_hosts \d+ → \d+ dry_run/ }).first();
    await waitFor(async () => {
      if (await intent.isVisible()) {
        return true;
      }
      throw new Error(`no dry-run intent beside a decision; the decisions say: ${(await decisions.innerText()).slice(0, 1500)}`);
    }, { what: 'an intent beside a decision', timeoutMs: 20_000, intervalMs: 1000 });
    await intent.getByText('dry run', { exact: true }).waitFor();
    const shown = await intent.locator('code').getAttribute('title');
    const listed = (await (await fetch(`${c.h.chain.webhook.url}/v1/intents?limit=500`, { headers: { Authorization: `Bearer ${WEBHOOK_READ_TOKEN}` } })).json()) as { intents: Array<{ id: string }> };
    expect(listed.intents.map((i) => `intent ${i.id}`)).toContain(shown);
    await shot('overview-chain');
    await row.getByRole('link', { name: 'forecast at that moment' }).click();
    await byTestId('data-testid forecasts-accuracy-table').waitFor();
    const url = new URL(c.h.page.url());
    expect(url.pathname).toBe(`/a/${c.h.grafana.pluginId}/forecasts`);
    expect(Number(url.searchParams.get('to')) - Number(url.searchParams.get('from'))).toBe(4 * 3600_000);
  });
  it('Overview: a pool picker kept in the URL (var-pool) filters the per-pool queries; each chart links to Explore with its PromQL, data source and range', async () => {
    await open('overview');
    const page = c.h.page;
    // Explore (Grafana 12 URL, schemaVersion 1): the forecast chart's two queries, the app's data source, its last 24 h.
    const explore = (chart: string) => explorePane(c, chart);
    const forecast = await explore('data-testid overview-forecast');
    expect(forecast.datasource).toBe(PROMETHEUS_UID);
    expect(forecast.queries.map((q) => [q.expr, q.datasource.uid])).toEqual([
      ['max by (bound) (shadowfleet_forecast_requests{horizon="15m"} offset 15m)', PROMETHEUS_UID],
      ['sum(rate(shadowfleet_events_ingested_total[$__rate_interval]))', PROMETHEUS_UID],
    ]);
    expect(forecast.range).toEqual({ from: 'now-24h', to: 'now' });
    // All pools by default; picking one puts it in the URL and into every per-pool query.
    expect((await explore('data-testid overview-hosts')).queries[0]!.expr).toContain('pool=~".*"');
    const filtered = page.waitForRequest((r) => (new URL(r.url()).searchParams.get('query') ?? '').includes('shadowfleet_webhook_pool_units{pool=~"web"}'));
    await page.locator('#var-pool').click();
    await page.getByRole('option', { name: 'web', exact: true }).click();
    await filtered;
    expect(new URL(page.url()).searchParams.get('var-pool')).toBe('web');
    expect((await explore('data-testid overview-hosts')).queries[0]!.expr).toBe('max by (tier) (shadowfleet_desired_hosts{pool=~"web"})');
    // A link with var-pool opens the page on that pool.
    await open('overview?var-pool=web');
    await expect(page.locator('#var-pool').inputValue()).resolves.toBe('web');
  });
}
