// The policy API's types as the Grafana app sees them, generated into plugin/src/api/serverTypes.generated.ts
// (test/src/api/plugin-types.ts). Add a type here to give it to the plugin; then `npm run generate:api-types`.
import type { EffectivePolicy } from './store';
import type { PolicyPreview as Preview } from './preview';

/** A policy (GET /v1/policy `policy`, PUT /v1/policy body): the zod schema's type (models/src/policy/schema.ts). */
export type Policy = EffectivePolicy['policy'];
/** POST /v1/policy/preview's answer. */
export type PolicyPreview = Preview;
