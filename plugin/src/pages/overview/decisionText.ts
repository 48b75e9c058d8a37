import { formattedValueToString, getValueFormat } from '@grafana/data';
import type { Decision } from '../../api/types';
import { countOf } from '../../api/plural';
import { TIER_NAMES, tierName } from '../../api/tiers';

const num = (v: number, unit?: string) => formattedValueToString(getValueFormat('short')(v)) + (unit ? ` ${unit}` : '');

/** The numbers behind one decision, in one line: forecast ÷ capacity per host → hosts, per tier. */
export function whyWithNumbers(d: Decision): string {
  const parts: string[] = [];
  if (d.forecast && d.capacity) {
    const q = d.forecast.quantile !== undefined ? `q${d.forecast.quantile}` : 'forecast';
    const ahead = d.forecast.horizon_minutes !== undefined ? `, ${d.forecast.horizon_minutes} min ahead` : '';
    parts.push(`${q} ${num(d.forecast.value, d.forecast.unit)}${ahead} ÷ ${num(d.capacity.per_host, d.capacity.unit)} per host (${d.capacity.source ?? 'capacity'})`);
  }
  if (d.desired) {
    const tiers = d.desired.by_tier
      ? Object.keys(TIER_NAMES)
          .filter((t) => d.desired!.by_tier![t] !== undefined)
          .map((t) => `${tierName(t)} ${d.desired!.by_tier![t]}`)
          .join(', ')
      : '';
    parts.push(`→ ${d.desired.serving} serving, ${d.desired.standby} standby${tiers ? ` (${tiers})` : ''}`);
  } else if (d.action || d.hosts !== undefined) {
    parts.push(`${tierName(d.tier)} tier: ${d.action ?? ''}${d.hosts !== undefined ? ` → ${countOf(d.hosts, 'host')}` : ''}`.trim());
  }
  const text = d.explanation ?? d.reason;
  return [parts.join(' '), text].filter(Boolean).join('. ');
}

/** Decisions are stale when the newest is older than three decision intervals (at least 10 minutes). */
export function staleSince(decisions: Decision[], intervalSeconds: number | undefined, now = Date.now()): number | undefined {
  const newest = Math.max(-Infinity, ...decisions.map((d) => Date.parse(d.at)).filter(Number.isFinite));
  if (!Number.isFinite(newest)) {
    return undefined;
  }
  const limit = Math.max(600, 3 * (intervalSeconds ?? 60)) * 1000;
  return now - newest > limit ? newest : undefined;
}
