import type { BenchSuite } from '../suite';
import { fuzzExporter, fuzzWebhook } from '../fuzz/services';

/** Requests per service; `npm test` runs the same generator for 10,000 (test/src/bench/fuzz/fuzz.test.ts). */
const REQUESTS = 100_000;
/** The bound on resident memory growth between the first 10,000 requests and the end. */
const MAX_RSS_GROWTH_MB = 50;

export const fuzzSuite: BenchSuite = {
  name: 'fuzz',
  description: `issue 13: ${REQUESTS.toLocaleString('en')} malformed requests per service (fixed seeds) against the real exporter and webhook processes: 5xx, crashes, resident memory after the first 10,000 and at the end`,
  async run() {
    const exporter = await fuzzExporter(REQUESTS);
    const webhook = await fuzzWebhook(REQUESTS);
    const verdict = (r: typeof exporter) => ({
      no_5xx: r.server_errors_5xx === 0,
      no_crash: !r.crashed && (r.statuses.connection_error ?? 0) === 0,
      memory_within_50_mb: r.rss_growth_mb !== undefined && r.rss_growth_mb <= MAX_RSS_GROWTH_MB,
    });
    return { requests_per_service: REQUESTS, max_rss_growth_mb: MAX_RSS_GROWTH_MB, exporter: { ...exporter, verdict: verdict(exporter) }, webhook: { ...webhook, verdict: verdict(webhook) } };
  },
};
