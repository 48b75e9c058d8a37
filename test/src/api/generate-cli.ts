import { writeFileSync } from 'node:fs';
import { API_TYPES, pluginApiTypes } from './plugin-types';

// `npm run generate:api-types`: writes the plugin's API types from the services' (the exporter's, the webhook's).
for (const api of API_TYPES) {
  writeFileSync(api.target, pluginApiTypes(api));
  process.stderr.write(`wrote ${api.target}\n`);
}
