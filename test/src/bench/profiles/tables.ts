import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Prints the README's "Profiles found in real data" tables from bench/results/profiles.json, so that
 * every number there comes from the benchmark's own output: `node test/dist/bench/profiles/tables.js`.
 */
interface Trait { feature: string; z: number }
interface ProfileRow { id: string; name: string; size: number; share: number; traits: Trait[]; dbscan: { groups: number; noiseShare: number; sampled: number } }
interface View { users: number; k: number; silhouette: number; kScores: Array<{ k: number; silhouette: number }>; profiles: ProfileRow[] }
interface Summary { durationSeconds: number; timings: Record<string, number>; users: number; k: number; silhouette: number }

const file = path.resolve(__dirname, '..', '..', '..', '..', 'bench', 'results', 'profiles.json');
const record = JSON.parse(readFileSync(file, 'utf8')) as { date: string; machine: { cpus: number }; results: Record<string, unknown> };
const r = record.results as {
  load_average_at_start: number[];
  msnbc_100k: { events: number; rebuild_seconds: number; import_seconds: number; inline: { summary: Summary; cpu_seconds: number; memory: Record<string, number>; view: View }; worker: { durationSeconds: number; cpu_seconds: number; memory: Record<string, number>; event_loop_delay_ms: { max: number; p99: number } } };
} & Record<string, { data: string; events: number; active_hours_features: boolean; view: View; rebuild: Summary }>;

const f = (v: number, d = 2): string => v.toFixed(d);
const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
const out: string[] = [];
const m = r.msnbc_100k;
const t = m.inline.summary.timings;
out.push(`Measured ${record.date.slice(0, 10)} with \`npm run bench -- profiles\` (results: \`bench/results/profiles.json\`; these tables: \`node test/dist/bench/profiles/tables.js\`), ${record.machine.cpus} cores, load average ${r.load_average_at_start.map((v) => f(v, 1)).join(' / ')} at the start (1, 5 and 15 minutes; the machine is shared with other jobs at times).`);
out.push('');
out.push(`**Rebuild for 100,000 MSNBC users** (${m.events.toLocaleString('en-US')} page views; the store was filled first, in ${f(m.import_seconds, 1)} s, and is not counted), in a fresh process so that its peak memory is the rebuild's own; MSNBC has no clock times, so the active-hours features are left out:`);
out.push('');
out.push('| stage | seconds |');
out.push('|---|---|');
for (const [label, key] of [['store query (SQL aggregates)', 'aggregate'], ['features', 'features'], ['standardise', 'standardize'], ['K-Means (k by silhouette)', 'kmeans'], ['DBSCAN within clusters', 'dbscan'], ['names and ids', 'naming']] as const) out.push(`| ${label} | ${f(t[key])} |`);
out.push(`| **total rebuild** (target < 30 s) | **${f(m.inline.summary.durationSeconds)}** |`);
out.push(`| CPU time of the rebuild process (all threads) | ${f(m.inline.cpu_seconds)} |`);
out.push('');
out.push(`k = ${m.inline.summary.k}, silhouette ${f(m.inline.summary.silhouette, 3)}. Peak RSS ${m.inline.memory.peak_rss_mb} MB (${m.inline.memory.rss_after_open_mb} MB after opening the store), V8 heap ${m.inline.memory.heap_used_after_mb} MB used / ${m.inline.memory.heap_total_after_mb} MB total after the rebuild. ` +
  `The same rebuild as the exporter runs it, in a worker thread: ${f(m.worker.durationSeconds)} s, peak RSS ${m.worker.memory.peak_rss_mb} MB; the exporter's event loop was delayed at most ${f(m.worker.event_loop_delay_ms.max, 0)} ms (p99 ${f(m.worker.event_loop_delay_ms.p99, 0)} ms).`);
/** Says so when the chosen k is the largest tried: the silhouette was still rising there. */
const edge = (v: View): string => (v.k === Math.max(...v.kScores.map((s) => s.k)) ? ' — k at the top of the range tried (the silhouette still rose there; `--k-max` / `SHADOWFLEET_PROFILE_K_MAX` allow more)' : '');

function profileTable(v: View): void {
  out.push('| id | name | users | share | DBSCAN groups | noise | strongest traits (z) |');
  out.push('|---|---|---|---|---|---|---|');
  for (const p of v.profiles) {
    out.push(`| ${p.id} | ${p.name} | ${p.size.toLocaleString('en-US')} | ${pct(p.share)} | ${p.dbscan.groups} | ${pct(p.dbscan.noiseShare)} | ${p.traits.slice(0, 3).map((x) => `\`${x.feature}\` ${x.z >= 0 ? '+' : '−'}${f(Math.abs(x.z))}`).join(', ')} |`);
  }
}
out.push('');
out.push(`**msnbc**, the first 100,000 users (synthetic times: active hours left out): k = ${m.inline.view.k}, silhouette **${f(m.inline.view.silhouette, 3)}** (per k: ${m.inline.view.kScores.map((s) => `${s.k}: ${f(s.silhouette, 3)}`).join(', ')})${edge(m.inline.view)}.`);
out.push('');
profileTable(m.inline.view);
for (const name of ['nasa', 'epa', 'shoppers']) {
  const d = r[name];
  const v = d.view;
  out.push('');
  out.push(`**${name}** — \`${d.data}\`${d.active_hours_features ? '' : ' (synthetic times: active hours left out)'}: ${v.users.toLocaleString('en-US')} users, ${d.events.toLocaleString('en-US')} events, k = ${v.k}, silhouette **${f(v.silhouette, 3)}** (per k: ${v.kScores.map((s) => `${s.k}: ${f(s.silhouette, 3)}`).join(', ')})${edge(v)}; rebuild ${f(d.rebuild.durationSeconds)} s.`);
  out.push('');
  profileTable(v);
}
process.stdout.write(`${out.join('\n')}\n`);
