import { writeFileSync } from 'node:fs';
import { API_TYPES_TARGET, pluginApiTypes } from './plugin-types';

// `npm run generate:api-types`: writes the plugin's API types from the exporter's.
writeFileSync(API_TYPES_TARGET, pluginApiTypes());
process.stderr.write(`wrote ${API_TYPES_TARGET}\n`);
