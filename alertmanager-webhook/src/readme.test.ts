import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Registry } from 'prom-client';
import { skipReasonNames } from './actions/skip-reasons';
import { envVariables } from './config/load';
import { configSchema, poolSchema } from './config/schema';
import { driverKinds } from './drivers/registry';
import { httpErrors } from './http/errors';
import { WebhookMetrics } from './metrics/metrics';
import { packageRoot } from './util/package-paths';

/** docs/webhook.md must name everything the code has (one source of truth per fact). */
const section = readFileSync(path.join(packageRoot, '..', 'docs', 'webhook.md'), 'utf8');

describe('docs/webhook.md', () => {
  it('exists', () => expect(section.length).toBeGreaterThan(1000));

  it.each(Object.keys(configSchema.shape))('documents config option %s', (key) => expect(section).toContain(`\`${key}`));
  it.each(Object.keys(poolSchema.shape))('documents pool option %s', (key) => expect(section).toContain(`pools.NAME.${key}`));
  it.each(Object.keys(envVariables))('documents environment variable %s', (name) => expect(section).toContain(name));
  it.each(skipReasonNames)('documents skip reason %s', (reason) => expect(section).toContain(`| \`${reason}\` |`));
  it.each(Object.keys(httpErrors))('documents HTTP error %s', (code) => expect(section).toContain(`\`${code}\``));
  it.each(driverKinds)('documents driver %s', (kind) => expect(section).toContain(`| \`${kind}\` |`));

  it('documents every metric the webhook exports', async () => {
    const registry = new Registry();
    new WebhookMetrics(registry, { poolSizes: async () => [], queuedIntents: () => 0 });
    const names = (await registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(section).toContain(`\`${name}\``);
  });
});
