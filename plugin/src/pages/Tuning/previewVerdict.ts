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

/**
 * Is the preview worse? The exporter's verdict (`worse`: under-provisions more often or costs more)
 * when it sends one, else any metric worse. Returns what to name in the warning ([] = not worse).
 */
export function worseVerdict(p: PolicyPreview): string[] {
  const metrics = worseMetrics(p);
  if (typeof p.worse !== 'boolean') {
    return metrics;
  }
  return p.worse ? (metrics.length > 0 ? metrics : ['the exporter’s verdict']) : [];
}
