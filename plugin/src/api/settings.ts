/** The app's settings: jsonData is readable by the browser, secureJsonData only by Grafana's proxy. */
export interface AppSettings {
  /** Base URL of the exporter as Grafana's server reaches it, e.g. http://exporter:9464 */
  exporterUrl?: string;
  /** uid of the Prometheus datasource that scrapes the exporter and the webhook */
  prometheusUid?: string;
  /** Base URL of the Alertmanager webhook as Grafana's server reaches it, e.g. http://webhook:9095 (optional: intents beside decisions) */
  webhookUrl?: string;
}

export interface AppSecureSettings {
  /** The exporter's bearer token (SHADOWFLEET_AUTH_TOKEN), sent by the plugin proxy route for writes */
  exporterToken?: string;
  /** The webhook's read token (SHADOWFLEET_WEBHOOK_READ_TOKEN), sent by the `webhook/v1/intents` route */
  webhookReadToken?: string;
}

export const DEFAULT_PROMETHEUS_UID = 'prometheus';
