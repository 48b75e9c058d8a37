/**
 * What every browser case gets: the running harness (set in the suite's beforeAll, so read it inside a
 * test, never at registration) and the helpers to open a page, take a screenshot and find a test id.
 */
import path from 'node:path';
import type { Harness } from '../harness';

export interface BrowserCase {
  /** The harness; only valid once the suite's beforeAll has run. */
  readonly h: Harness;
  open(route: string): Promise<void>;
  shot(name: string): Promise<void>;
  byTestId(id: string): ReturnType<Harness['page']['locator']>;
}

export function browserCase(harness: () => Harness, shotsDir: string): BrowserCase {
  return {
    get h() {
      return harness();
    },
    async open(route) {
      const h = harness();
      await h.page.goto(`${h.grafana.url}/a/${h.grafana.pluginId}/${route}`);
    },
    async shot(name) {
      const h = harness();
      // No hover tooltip over the picture.
      await h.page.mouse.move(0, 0);
      await h.page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
    },
    byTestId: (id) => harness().page.locator(`[data-testid="${id}"]`),
  };
}

/** The Explore pane a chart's Explore link opens (Grafana 12 URL, schemaVersion 1), after checking the URL's path and version. */
export async function explorePane(c: BrowserCase, chartTestId: string): Promise<{ datasource: string; queries: Array<{ expr: string; datasource: { uid: string } }>; range: unknown }> {
  const href = await c.byTestId(chartTestId).locator('[data-testid="data-testid chart-explore"]').getAttribute('href');
  const url = new URL(href!, c.h.grafana.url);
  expect([url.pathname, url.searchParams.get('schemaVersion')]).toEqual(['/explore', '1']);
  return Object.values(JSON.parse(url.searchParams.get('panes')!) as Record<string, { datasource: string; queries: Array<{ expr: string; datasource: { uid: string } }>; range: unknown }>)[0]!;
}
