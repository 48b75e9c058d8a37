// pools: the pool model — one definition of every scaled pool, read by the exporter and the webhook.
export * from './schema';
