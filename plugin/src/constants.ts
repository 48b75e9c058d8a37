import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${pluginJson.id}`;

/** Grafana's plugin proxy for the `exporter` routes in plugin.json (URL + bearer token from the settings). */
export const EXPORTER_PROXY = `api/plugin-proxy/${pluginJson.id}/exporter`;

/** Grafana's plugin proxy for the `webhook` route (the webhook's read API, with its read token). */
export const WEBHOOK_PROXY = `api/plugin-proxy/${pluginJson.id}/webhook`;

export enum ROUTES {
  Overview = 'overview',
  Profiles = 'profiles',
  Forecasts = 'forecasts',
  ShadowFleet = 'shadow-fleet',
  Tuning = 'tuning',
  Experiments = 'experiments',
}
