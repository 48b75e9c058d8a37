// The intents API's types as the Grafana app sees them, generated into plugin/src/api/webhookTypes.generated.ts
// (test/src/api/plugin-types.ts). Add a type here to give it to the plugin; then `npm run generate:api-types`.
// GET /v1/intents answers pageOfIntents(...) (src/http/intents-route.ts), whose return type is IntentsPage.

/** GET /v1/intents's answer and one intent of it (docs/webhook.md "Intents API"). */
export type { IntentsPage, IntentView } from './query';
