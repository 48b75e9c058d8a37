/** data-testid values, shared by the components and their tests (jest and the browser test). */
export const testIds = {
  appConfig: {
    exporterUrl: 'data-testid ac-exporter-url',
    exporterToken: 'data-testid ac-exporter-token',
    prometheusUid: 'data-testid ac-prometheus-uid',
    submit: 'data-testid ac-submit-form',
  },
  overview: {
    container: 'data-testid overview',
    pools: 'data-testid overview-pools',
    recommendations: 'data-testid overview-recommendations',
    forecastChart: 'data-testid overview-forecast',
    decisions: 'data-testid overview-decisions',
    dryRun: 'data-testid overview-dry-run',
    stale: 'data-testid overview-stale',
    hosts: 'data-testid overview-hosts',
  },
  profiles: { container: 'data-testid profiles', table: 'data-testid profiles-table', transitions: 'data-testid profiles-transitions' },
  forecasts: { container: 'data-testid forecasts', horizons: 'data-testid forecasts-horizons', nextPeak: 'data-testid forecasts-next-peak', model: 'data-testid forecasts-model' },
  shadowFleet: { container: 'data-testid shadow-fleet', targets: 'data-testid shadow-targets' },
  tuning: {
    container: 'data-testid tuning',
    form: 'data-testid tuning-form',
    preview: 'data-testid tuning-preview',
    save: 'data-testid tuning-save',
    saved: 'data-testid tuning-saved',
    provenance: 'data-testid tuning-provenance',
    diff: 'data-testid tuning-diff',
    history: 'data-testid tuning-history',
    worse: 'data-testid tuning-worse',
  },
  experiments: { container: 'data-testid experiments' },
};
