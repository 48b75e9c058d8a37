import type { TimelineRow } from '@shadowfleet/models';

export interface PlotOptions {
  readonly title: string;
  /** Unix seconds of minute 0 of the rows, for the time axis; minutes from 0 when absent. */
  readonly startSeconds?: number;
  readonly width?: number;
  readonly height?: number;
}

interface Bucket {
  demand: number;
  servingMin: number;
  standby: number;
  short: boolean;
}

const MARGIN = { left: 56, right: 16, top: 40, bottom: 44 };
const COLORS = { demand: '#c7ced8', serving: '#1f6feb', standby: '#e8912d', short: '#d1242f', axis: '#57606a' };

/** Collapses the rows into at most `n` buckets: peak demand, lowest supply, mean standby, any shortfall. */
function downsample(rows: readonly TimelineRow[], n: number): Bucket[] {
  const per = Math.max(1, Math.ceil(rows.length / n));
  const out: Bucket[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const b: Bucket = { demand: 0, servingMin: Infinity, standby: 0, short: false };
    const end = Math.min(rows.length, i + per);
    for (let j = i; j < end; j++) {
      const r = rows[j];
      b.demand = Math.max(b.demand, r.demand);
      b.servingMin = Math.min(b.servingMin, r.serving);
      b.standby += r.standby / (end - i);
      b.short ||= r.serving < r.demand;
    }
    out.push(b);
  }
  return out;
}

function niceStep(range: number, ticks: number): number {
  const raw = range / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
}

function timeLabel(minute: number, total: number, startSeconds?: number): string {
  if (startSeconds === undefined) return total > 2 * 1440 ? `day ${(minute / 1440).toFixed(minute % 1440 ? 1 : 0)}` : `${Math.round(minute / 60)} h`;
  const d = new Date((startSeconds + minute * 60) * 1000).toISOString();
  return total > 2 * 1440 ? d.slice(5, 10) : d.slice(5, 16).replace('T', ' ');
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An SVG chart of demand (area), serving hosts (line), standby hosts (line) and shortfall minutes. */
export function timelineSvg(rows: readonly TimelineRow[], options: PlotOptions): string {
  if (rows.length === 0) throw new Error('nothing to plot: the timeline is empty');
  const width = options.width ?? 960;
  const height = options.height ?? 360;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const buckets = downsample(rows, plotW);
  const yMax = Math.max(1, ...buckets.map((b) => Math.max(b.demand, b.servingMin, b.standby))) * 1.05;
  const x = (i: number): number => MARGIN.left + (i / buckets.length) * plotW;
  const y = (v: number): number => MARGIN.top + plotH - (v / yMax) * plotH;
  const step = (values: number[]): string => values.map((v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}H${x(i + 1).toFixed(1)}`).join('');
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  const title = options.startSeconds === undefined ? options.title : `${options.title}, times UTC`;
  // A title longer than the chart (about 7.5 px a character at 14 px bold) is condensed to fit instead of cut off.
  const room = width - MARGIN.left - MARGIN.right;
  const fit = title.length * 7.5 > room ? ` textLength="${room}" lengthAdjust="spacingAndGlyphs"` : '';
  parts.push(`<text x="${MARGIN.left}" y="20" font-size="14" font-weight="bold"${fit}>${escape(title)}</text>`);
  const yStep = niceStep(yMax, 5);
  for (let v = 0; v <= yMax; v += yStep) {
    parts.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#eaeef2"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="${COLORS.axis}">${v}</text>`);
  }
  parts.push(`<text transform="translate(14 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="${COLORS.axis}">hosts</text>`);
  const minutesPerTick = niceStep(rows.length, 8);
  for (let m = 0; m <= rows.length; m += minutesPerTick) {
    const px = MARGIN.left + (m / rows.length) * plotW;
    parts.push(`<line x1="${px.toFixed(1)}" x2="${px.toFixed(1)}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 4}" stroke="${COLORS.axis}"/>`);
    parts.push(`<text x="${px.toFixed(1)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle" fill="${COLORS.axis}">${timeLabel(m, rows.length, options.startSeconds)}</text>`);
  }
  const area = `${step(buckets.map((b) => b.demand))}L${x(buckets.length).toFixed(1)},${y(0).toFixed(1)}L${x(0).toFixed(1)},${y(0).toFixed(1)}Z`;
  parts.push(`<path d="${area}" fill="${COLORS.demand}"/>`);
  parts.push(`<path d="${step(buckets.map((b) => b.standby))}" fill="none" stroke="${COLORS.standby}" stroke-width="1.5"/>`);
  parts.push(`<path d="${step(buckets.map((b) => b.servingMin))}" fill="none" stroke="${COLORS.serving}" stroke-width="1.5"/>`);
  const ticks = buckets.map((b, i) => (b.short ? `M${x(i).toFixed(1)},${MARGIN.top + plotH}v-5` : '')).join('');
  if (ticks) parts.push(`<path d="${ticks}" stroke="${COLORS.short}" stroke-width="1"/>`);
  parts.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${y(0)}" y2="${y(0)}" stroke="${COLORS.axis}"/>`);
  const legend: Array<[string, string, string]> = [
    ['demand d_t (peak)', COLORS.demand, 'rect'],
    ['serving s_t (lowest)', COLORS.serving, 'line'],
    ['standby (mean)', COLORS.standby, 'line'],
    ['minutes with s_t < d_t', COLORS.short, 'tick'],
  ];
  let lx = width - MARGIN.right - 620;
  for (const [label, color, kind] of legend) {
    if (kind === 'rect') parts.push(`<rect x="${lx}" y="${height - 14}" width="14" height="9" fill="${color}"/>`);
    else if (kind === 'line') parts.push(`<line x1="${lx}" x2="${lx + 14}" y1="${height - 10}" y2="${height - 10}" stroke="${color}" stroke-width="2"/>`);
    else parts.push(`<line x1="${lx + 7}" x2="${lx + 7}" y1="${height - 15}" y2="${height - 5}" stroke="${color}"/>`);
    parts.push(`<text x="${lx + 20}" y="${height - 6}">${escape(label)}</text>`);
    lx += 155;
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
