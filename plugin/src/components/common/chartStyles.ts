/** Panel field configs shared by the app's charts (Grafana's field config model, units included). */
import { QUERIES } from '../../queries';

/** The forecast interval drawn as a band: the upper bound filled down to the lower one; the actual rate on top. */
export const FORECAST_BAND = {
  defaults: { unit: 'reqps', min: 0, custom: { fillOpacity: 0 } },
  overrides: [
    { matcher: { id: 'byName', options: 'forecast upper' }, properties: [{ id: 'custom.fillBelowTo', value: 'forecast lower' }, { id: 'custom.lineWidth', value: 0 }, { id: 'custom.fillOpacity', value: 25 }] },
    { matcher: { id: 'byName', options: 'forecast lower' }, properties: [{ id: 'custom.lineWidth', value: 0 }, { id: 'custom.fillOpacity', value: 0 }] },
    { matcher: { id: 'byName', options: 'actual' }, properties: [{ id: 'custom.lineWidth', value: 2 }, { id: 'custom.fillOpacity', value: 0 }] },
  ],
};

/** Host counts: whole hosts, steps (a target holds until the next decision), what is serving drawn thicker. */
export const HOST_STEPS = {
  defaults: { unit: 'suffix: hosts', min: 0, decimals: 0, custom: { drawStyle: 'line', lineInterpolation: 'stepAfter', fillOpacity: 0 } },
  overrides: [{ matcher: { id: 'byRegexp', options: '^(serving|standby) now$' }, properties: [{ id: 'custom.lineWidth', value: 2 }] }],
};

/** Scaling actions the webhook finished (activations, deactivations, set-points), as annotations on host charts. */
export const ACTIVATIONS = { expr: QUERIES.actionsHistory, text: '{{pool}} {{action}} {{outcome}} ×', unit: 'none', name: 'scaling actions' };
