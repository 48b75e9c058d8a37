/** The Forecasts page: accuracy per horizon, the horizon, time range and refresh controls, and the forecast panels. */
import type { BrowserCase } from './context';

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
}
