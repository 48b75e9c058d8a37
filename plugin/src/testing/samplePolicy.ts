import type { Policy } from '../pages/Tuning/policyTypes';

/** A complete policy as the exporter's GET /v1/policy holds it, for the Tuning tests (an operator's, not the exporter's default). */
export const SAMPLE_POLICY: Policy = { strategy: 'tiered', forecast: 'behaviour', targets: { utilisation: 0.9, servingQuantile: 0.98, surgeQuantile: 0.99 }, bounds: { minHosts: 1, maxHosts: 200 }, cooldowns: { scaleUpMinutes: 1, scaleDownMinutes: 5 }, profilePriorities: {} };
