/** The Profiles, Shadow fleet and Experiments pages, as the exporter and Prometheus fill them. */
import { TOKEN } from '../harness';
import type { BrowserCase } from './context';

interface ProfilesBody {
  built: boolean;
  profiles: Array<{ id: string; name: string }>;
}

export function pagesCases(c: BrowserCase): void {
  const { open, shot, byTestId } = c;
  it('Profiles: the exporter’s profiles with size and traits', async () => {
    const body = (await (await fetch(`${c.h.exporter.url}/v1/profiles`)).json()) as ProfilesBody;
    await open('profiles');
    const table = byTestId('data-testid profiles-table');
    await table.waitFor();
    for (const p of body.profiles) {
      await table.getByText(p.name, { exact: true }).first().waitFor();
    }
    expect(await table.locator('tbody tr').count()).toBe(body.profiles.length);
    await shot('profiles');
  });

  it('Shadow fleet: standby targets per template and the activation history', async () => {
    await open('shadow-fleet');
    await c.h.page.getByRole('heading', { name: /Standby hosts the plan wants ready now/ }).waitFor();
    await c.h.page.getByRole('heading', { name: /Warming and activations/ }).waitFor();
    await shot('shadow-fleet');
  });

  it('Experiments: a live A/B experiment with its intervals and verdict, as the exporter decided it', async () => {
    // Two matched segments of a live experiment (an interval needs two), sent as a load tester would.
    for (const [control, treatment] of [
      [120, 100],
      [130, 104],
      [125, 99],
    ]) {
      const res = await fetch(`${c.h.exporter.url}/v1/experiments/browser-ab/segments`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'tiered vs hpa (browser test)', control, treatment, control_slo: 0.2, treatment_slo: 0.21 }),
      });
      expect(res.status).toBe(201);
    }
    const api = (await (await fetch(`${c.h.exporter.url}/v1/experiments`)).json()) as { experiments: Array<{ verdict: string }> };
    await open('experiments');
    await c.h.page.getByRole('heading', { name: 'tiered vs hpa (browser test)' }).waitFor();
    await c.h.page.getByText(api.experiments[0]!.verdict, { exact: true }).waitFor();
    await c.h.page.getByRole('columnheader', { name: 'Treatment − control [95 % CI]' }).waitFor();
    await c.h.page.getByRole('cell', { name: 'decision metric' }).waitFor();
    await shot('experiments');
  });
}
