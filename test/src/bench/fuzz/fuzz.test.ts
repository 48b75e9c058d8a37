import { fuzzExporter, fuzzWebhook } from './services';

/**
 * Issue 13: 10,000 malformed requests per service (fixed seed) against the real processes: every
 * answer is a 4xx (or 2xx for the few that stay valid), no 5xx, no crash, and a valid request after
 * the fuzz is still served. The longer run with the memory bound is `npm run bench -- fuzz`.
 */
jest.setTimeout(300_000);

describe.each([
  ['exporter', fuzzExporter],
  ['webhook', fuzzWebhook],
])('fuzz: %s', (_name, fuzz) => {
  it('answers 10,000 malformed requests without a 5xx or a crash', async () => {
    const result = await fuzz(10_000);
    expect(result.requests).toBe(10_000);
    expect(result.server_error_samples).toEqual([]);
    expect(result.server_errors_5xx).toBe(0);
    expect(result.statuses.connection_error ?? 0).toBe(0);
    expect(result.crashed).toBe(false);
    expect(result.control_ok).toBe(true);
    expect(Object.keys(result.statuses).every((s) => /^[24]\d\d$/.test(s))).toBe(true);
  });
});
