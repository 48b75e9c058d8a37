/** Tuning through the proxy's PUT route, and what Grafana's route rules refuse (a plain `exporter` route, a Viewer). */
import { waitFor } from '@shadowfleet/e2e/dist/support';
import { startFakeGrafana } from '../fakeGrafana';
import { DIST_DIR, HOST_OUT, TOKEN } from '../harness';
import type { BrowserCase } from './context';

export function tuningCases(c: BrowserCase): void {
  const { open, shot, byTestId } = c;
  it('Tuning: the exporter names a bad field; a previewed change is saved through the PUT route, as the signed-in user', async () => {
    await open('tuning');
    const maxHosts = c.h.page.getByLabel('Maximum hosts', { exact: true });
    await maxHosts.waitFor();
    await byTestId('data-testid tuning-provenance').waitFor();
    await maxHosts.fill('0');
    await c.h.page.getByRole('button', { name: 'Preview in the simulator' }).click();
    await c.h.page.getByText('bounds.maxHosts must be ≥ 1').first().waitFor();
    await expect(c.h.page.getByRole('button', { name: 'Save policy' }).isDisabled()).resolves.toBe(true);

    await maxHosts.fill('40');
    await c.h.page.getByLabel('Scale-down cooldown', { exact: true }).fill('15');
    await byTestId('data-testid tuning-diff').getByText('bounds.maxHosts').waitFor();
    await c.h.page.getByRole('button', { name: 'Preview in the simulator' }).click();
    await byTestId('data-testid tuning-preview').waitFor({ timeout: 60_000 });
    await shot('tuning');
    await c.h.page.getByRole('button', { name: 'Save policy' }).click();
    // A preview the simulator rates worse asks for confirmation first.
    if (await byTestId('data-testid tuning-worse').isVisible()) {
      await c.h.page.getByRole('button', { name: 'Save anyway' }).click();
    }
    await c.h.page.getByText(/is in force, saved /).waitFor();

    const saved = (await (await fetch(`${c.h.exporter.url}/v1/policy`)).json()) as {
      version?: number;
      updatedBy?: string;
      policy: { bounds: { maxHosts: number }; cooldowns: { scaleDownMinutes: number } };
    };
    expect(saved.policy.bounds.maxHosts).toBe(40);
    expect(saved.policy.cooldowns.scaleDownMinutes).toBe(15);
    // The write went through the plugin's PUT route, which carries the token, and Grafana named the user.
    const put = c.h.grafana.proxied.find((p) => p.method === 'PUT');
    expect(put).toMatchObject({ target: `${c.h.exporter.url}/v1/policy` });
    expect(put?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(put?.headers['x-grafana-user']).toBe(c.h.grafana.user.login);
    if (saved.version !== undefined) {
      // The issue-12 exporter: the change is recorded as the user's and reaches the next decision.
      expect(saved.updatedBy).toBe(`grafana:${c.h.grafana.user.login}`);
      await waitFor(
        async () => {
          const d = (await (await fetch(`${c.h.exporter.url}/v1/decisions`)).json()) as { decisions: Array<{ policy_version?: number }> };
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
      grafana.settings.jsonData = { ...c.h.grafana.settings.jsonData };
      await c.h.page.goto(`${grafana.url}/a/${grafana.pluginId}/profiles`);
      await c.h.page.getByText(/Grafana has no plugin proxy route for GET \/v1\/profiles/).waitFor();
      expect(grafana.proxied).toEqual([]);
    } finally {
      await grafana.close();
    }
  });

  it('a Viewer does not get the Tuning page by its URL, and Grafana refuses a policy write for them', async () => {
    const admin = c.h.grafana.user;
    c.h.grafana.user = { login: 'viewer', role: 'Viewer' };
    try {
      await open('tuning');
      await c.h.page.getByText('Tuning needs the Editor role').waitFor();
      const res = await fetch(`${c.h.grafana.url}/api/plugin-proxy/${c.h.grafana.pluginId}/exporter/v1/policy`, { method: 'PUT', body: '{}' });
      expect(res.status).toBe(403);
    } finally {
      c.h.grafana.user = admin;
    }
  });
}
