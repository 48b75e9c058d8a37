import type { ShadowFleetAnalysis } from '@shadowfleet/models';

const iso = (ms: number): string => new Date(ms).toISOString().replace(':00.000Z', 'Z');
const num = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));

/** A readable summary of the analysis and plan: forecast, peaks, changepoints, standby hosts per day, warm-ups. */
export function analysisText(a: ShadowFleetAnalysis, maxWarmups = 12): string {
  const { report, plan } = a;
  const f = report.forecast;
  const out: string[] = [];
  out.push(`forecast from ${iso(f.startMs)}: MSTL+ETS, periods ${f.periods.join(', ')} steps of ${f.stepMs / 60_000} min, ${Math.round(f.level * 100)} % interval`);
  out.push(`growth: ${(f.growth.relativePerWeek * 100).toFixed(1)} % per week (${num(f.growth.slopePerDay)} req/min per day over ${f.growth.days} days)`);
  const clock = (m: number): string => `${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  for (const p of report.dailyPeaks) out.push(`daily peak: ${clock(p.startOffsetMinutes)} UTC for ${p.lengthMinutes} min, height ${num(p.height)} req/min (day mean ${num(p.cycleMean)})`);
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  for (const p of report.weeklyPeaks) {
    out.push(`weekly peak: ${days[Math.floor(p.startOffsetMinutes / 1440)]} ${clock(p.startOffsetMinutes)} UTC for ${p.lengthMinutes} min, height ${num(p.height)} req/min`);
  }
  out.push(`next peak starts: ${report.nextPeakStartMs === undefined ? 'none in the horizon' : iso(report.nextPeakStartMs)}`);
  for (const c of report.changepoints) out.push(`changepoint ${iso(c.atMs)}: daily mean ${num(c.meanBefore)} → ${num(c.meanAfter)} req/min (${(c.relativeChange * 100).toFixed(0)} %)`);
  out.push('');
  out.push(`shadow fleet plan: capacity ${num(plan.capacityPerHost)} req/min per host, cold start ${plan.coldStartMinutes} min, tier 1 ${plan.tier1Hosts} hosts`);
  out.push(`activation: ${plan.activation.description}`);
  out.push('day (UTC)   standby max  host-hours  by template (host-hours)');
  for (let d = 0; d * 24 < plan.hours.length; d++) {
    const hours = plan.hours.slice(d * 24, d * 24 + 24);
    const byTemplate: Record<string, number> = {};
    for (const h of hours) for (const [t, n] of Object.entries(h.byTemplate)) byTemplate[t] = (byTemplate[t] ?? 0) + n;
    const max = Math.max(...hours.map((h) => h.standbyHosts));
    const total = hours.reduce((s, h) => s + h.standbyHosts, 0);
    out.push(`${iso(hours[0].startMs).slice(0, 10)}  ${String(max).padStart(11)}  ${String(total).padStart(10)}  ${Object.entries(byTemplate).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  }
  out.push(`total: ${plan.totals.standbyHostHours} standby host-hours, peak ${plan.totals.peakStandbyHosts} hosts`);
  out.push('');
  out.push(`warm-up orders (first ${Math.min(maxWarmups, plan.warmups.length)} of ${plan.warmups.length}):`);
  for (const w of plan.warmups.slice(0, maxWarmups)) out.push(`  ${iso(w.startWarmingMs)}  +${w.hosts} ${w.template}  ready ${iso(w.readyMs)}`);
  return out.join('\n') + '\n';
}
