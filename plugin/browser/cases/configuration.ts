/** The configuration page: settings kept server-side, Test connection, the data source picker. */
import { waitFor } from '@shadowfleet/e2e/dist/support';
import { WEBHOOK_READ_TOKEN } from '../alertChain';
import { PROMETHEUS_UID, TOKEN, UNREACHABLE_UID } from '../harness';
import type { BrowserCase } from './context';

export function configurationCases(c: BrowserCase): void {
  const { shot, byTestId } = c;
  it('Configuration: the token stays server-side; saved settings reach the proxy', async () => {
    await c.h.page.goto(`${c.h.grafana.url}/plugins/${c.h.grafana.pluginId}`);
    const url = byTestId('data-testid ac-exporter-url');
    await url.waitFor();
    await expect(url.inputValue()).resolves.toBe(c.h.exporter.url);
    const meta = await (await fetch(`${c.h.grafana.url}/api/plugins/${c.h.grafana.pluginId}/settings`)).text();
    expect(meta).not.toContain(TOKEN);
    await url.fill('not a url');
    await c.h.page.getByText('must be an absolute URL such as http://exporter:9464').waitFor();
    await url.fill(c.h.exporter.url);
    // Test connection checks the saved settings end to end: exporter, token, Prometheus.
    await c.h.page.getByRole('button', { name: 'Test connection (saved settings)' }).click();
    const check = byTestId('data-testid ac-connection-check');
    await check.getByText(/^Prometheus: /).waitFor({ timeout: 120_000 });
    const text = await check.innerText();
    for (const title of ['Exporter: OK', 'Token: OK', 'Prometheus: OK']) {
      expect(text).toContain(title);
    }
    await shot('configuration');
    // Save posts the settings, then reloads the page as Grafana needs: wait for that reload, or the next
    // test's navigation races it.
    const reloaded = c.h.page.waitForEvent('load');
    await c.h.page.getByRole('button', { name: 'Save settings' }).click();
    await reloaded;
    expect(c.h.grafana.settings.jsonData).toEqual({ exporterUrl: c.h.exporter.url, prometheusUid: PROMETHEUS_UID, webhookUrl: c.h.chain.webhook.url });
    expect(c.h.grafana.settings.secureJsonData).toEqual({ exporterToken: TOKEN, webhookReadToken: WEBHOOK_READ_TOKEN });
  });

  it('Configuration: the data source picker lists Grafana’s Prometheus data sources; a bad pick is saved and Test connection says what to fix', async () => {
    await c.h.page.goto(`${c.h.grafana.url}/plugins/${c.h.grafana.pluginId}`);
    const picker = byTestId('data-testid ac-prometheus-picker');
    await picker.getByText('Prometheus (browser test)').waitFor();
    await c.h.page.locator('#config-prometheus-uid').click();
    await c.h.page.getByText('Prometheus (unreachable)', { exact: true }).click();
    const reloaded = c.h.page.waitForEvent('load');
    await c.h.page.getByRole('button', { name: 'Save settings' }).click();
    await waitFor(async () => c.h.grafana.settings.jsonData.prometheusUid === UNREACHABLE_UID, { what: 'the picked data source saved', timeoutMs: 10_000 });
    await reloaded;
    try {
      await picker.getByText('Prometheus (unreachable)').waitFor();
      await c.h.page.getByRole('button', { name: 'Test connection (saved settings)' }).click();
      await byTestId('data-testid ac-connection-check').getByText(/could not reach data source "prometheus-unreachable": check its URL under Connections → Data sources/).waitFor({ timeout: 60_000 });
      await expect(byTestId('data-testid ac-connection-check').innerText()).resolves.toContain('Prometheus: problem');
    } finally {
      c.h.grafana.settings.jsonData = { ...c.h.grafana.settings.jsonData, prometheusUid: PROMETHEUS_UID };
    }
  });
}
