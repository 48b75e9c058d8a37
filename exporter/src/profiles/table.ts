import type { ProfilesView } from './view';

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
const signed = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;

function pad(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}

function kRule(s: Extract<ProfilesView, { built: true }>['kSelection']): string {
  if (!s) return '';
  const how = s.rule === 'gap' ? 'gap statistic, 1-SE rule' : 'best silhouette';
  return `, ${how}${s.stoppedBy === 'limit' ? `, reached the limit k = ${s.kMax}: no stop inside the range` : ''}`;
}

/** A plain-text table of the profiles, for the terminal. */
export function profilesTable(view: ProfilesView): string {
  if (!view.built) return `${view.message}\n`;
  const ks = view.kScores.map((s) => s.k);
  const head =
    `${view.k} profiles from ${view.users.toLocaleString('en-US')} users · silhouette ${view.silhouette.toFixed(3)} ` +
    `(k tried ${Math.min(...ks)}–${Math.max(...ks)}${kRule(view.kSelection)}) · built ${view.builtAt}`;
  const rows = [['id', 'name', 'users', 'share', 'DBSCAN groups', 'noise', 'strongest traits (z)']];
  for (const p of view.profiles) {
    rows.push([
      p.id,
      p.name,
      p.size.toLocaleString('en-US'),
      pct(p.share),
      String(p.dbscan.groups),
      pct(p.dbscan.noiseShare),
      p.traits.slice(0, 3).map((t) => `${t.feature} ${signed(t.z)}`).join(', '),
    ]);
  }
  return `${head}\n${pad(rows)}\n`;
}
