/** The Forecasts page: accuracy per horizon, the horizon, time range and refresh controls, and the forecast panels. */
import { waitFor } from '@shadowfleet/e2e/dist/support';
import { explorePane, type BrowserCase } from './context';

export function forecastsCases(c: BrowserCase): void {
  const { open, shot, byTestId } = c;
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
    const asked = c.h.page.waitForRequest((r) => (new URL(r.url()).searchParams.get('query') ?? '').includes('horizon="1h"} offset 1h'));
    await byTestId('data-testid forecasts-accuracy').getByRole('radio', { name: '1h', exact: true }).click();
    await asked;
    expect(new URL(c.h.page.url()).searchParams.get('horizon')).toBe('1h');
    await chart.getByText('actual', { exact: true }).waitFor();
    await shot('forecasts');
    // The time range lives in the URL (as Grafana's): the last 6 hours compare fewer minutes.
    await c.h.page.goto(`${c.h.page.url().split('?')[0]}?from=now-6h&to=now&horizon=15m`);
    await table.waitFor();
    const minutes = Number((await rows.first().locator('td').nth(3).innerText()).replace(/\D/g, ''));
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThanOrEqual(360);
    // Grafana's refresh picker: "Refresh" loads the page's queries again against a new "now" …
    const coverageQuery = (r: { url(): string }) => (new URL(r.url()).searchParams.get('query') ?? '').startsWith('avg_over_time(((');
    const again = c.h.page.waitForRequest(coverageQuery);
    await c.h.page.locator('[data-testid="data-testid RefreshPicker run button"]').click();
    await again;
    // … and an interval in the URL (`refresh=10s`, as Grafana writes it) reloads them on its own.
    await c.h.page.goto(`${c.h.page.url().split('?')[0]}?from=now-6h&to=now&refresh=10s`);
    await table.waitFor();
    await c.h.page.waitForRequest(coverageQuery, { timeout: 25_000 });
  });

  it('Forecasts: next peak, horizons, the complexity load forecast and model, action costs', async () => {
    await open('forecasts');
    await byTestId('data-testid forecasts-next-peak').waitFor();
    await byTestId('data-testid forecasts-model').getByText(/^Next-action model /).waitFor();
    // In the pool model's complexity unit (issue 12: `complexityUnit`, e.g. kib), read from shadowfleet_pool_info.
    await byTestId('data-testid forecasts-complexity-unit').getByText(/^Complexity load in kib /).waitFor();
    await c.h.page.getByText(/^Costliest actions, in \S+/).waitFor({ timeout: 60_000 });
  });

  it('Forecasts: the pool picker (var-pool) filters the per-pool forecast the manager sized for; the site’s sections do not follow it', async () => {
    await open('forecasts?from=now-6h&to=now');
    const page = c.h.page;
    const chart = byTestId('data-testid forecasts-pool-forecast');
    // The live exporter decides for pool web every 15 s: what tier 2 sized for, its forecasts, the load it saw.
    await chart.getByText('web quantile', { exact: true }).waitFor({ timeout: 60_000 });
    await chart.getByText('web load', { exact: true }).waitFor();
    expect((await explorePane(c, 'data-testid forecasts-pool-forecast')).queries.map((q) => q.expr)).toEqual([
      'max by (pool, kind) (shadowfleet_decision_forecast_per_second{pool=~".*"})',
      'max by (pool) (shadowfleet_pool_load_per_second{pool=~".*"})',
    ]);
    const filtered = page.waitForRequest((r) => (new URL(r.url()).searchParams.get('query') ?? '').includes('shadowfleet_decision_forecast_per_second{pool=~"web"}'));
    await page.locator('#var-pool').click();
    await page.getByRole('option', { name: 'web', exact: true }).click();
    await filtered;
    const url = new URL(page.url());
    expect(url.searchParams.get('var-pool')).toBe('web');
    // The page's time range stays in the URL beside it.
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['now-6h', 'now']);
    expect((await explorePane(c, 'data-testid forecasts-pool-forecast')).queries[0]!.expr).toBe('max by (pool, kind) (shadowfleet_decision_forecast_per_second{pool=~"web"})');
    // The site's forecast is not per pool: its chart's query is unchanged.
    expect((await explorePane(c, 'data-testid forecasts-accuracy-chart')).queries.map((q) => q.expr).join(' ')).not.toContain('pool');
    // The series means what the page says: the quantile is the latest decision's forecast value per second.
    const quantile = await waitFor(
      async () => {
        const api = (await (await fetch(`${c.h.exporter.url}/v1/decisions?pool=web&limit=1`)).json()) as { latest: Array<{ step_seconds: number; forecast: { value: number } | null }> };
        const d = api.latest[0];
        const [sample] = await c.h.prometheus.query('max by (pool, kind) (shadowfleet_decision_forecast_per_second{pool=~"web",kind="quantile"})');
        return d?.forecast && sample && Math.abs(sample.value - d.forecast.value / d.step_seconds) < 1e-9 * Math.max(1, sample.value) ? sample : undefined;
      },
      { what: 'the per-pool quantile equal to the latest decision', timeoutMs: 60_000 },
    );
    expect(quantile.metric).toEqual({ pool: 'web', kind: 'quantile' });
  });
}
