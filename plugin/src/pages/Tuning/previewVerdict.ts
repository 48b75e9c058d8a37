import type { PolicyPreview } from './policyTypes';

/** The simulator's metrics, all "lower is better", with the labels the page shows. */
export const PREVIEW_METRICS = [
  { key: 'unserved_pct', label: 'Unserved requests (%)' },
  { key: 'tau_U', label: 'Time under-provisioned τU (%)' },
  { key: 'theta_U', label: 'Under-provisioning depth θU (%)' },
  { key: 'tau_O', label: 'Time over-provisioned τO (%)' },
  { key: 'cost_host_minutes', label: 'Cost (host-minutes)' },
  { key: 'cost_ratio', label: 'Cost ÷ oracle cost' },
] as const;

/** The labels of the metrics the proposed policy makes worse than the policy in force. */
export function worseMetrics(p: PolicyPreview): string[] {
  return PREVIEW_METRICS.filter((m) => Number(p.proposed[m.key]) > Number(p.current[m.key])).map((m) => m.label);
}
