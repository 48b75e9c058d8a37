import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where the exporter's time goes, by the file (or V8 pseudo-frame) a sampled function lives in. */
const CATEGORIES: Array<[string, RegExp]> = [
  ['idle', /^\(idle\)/],
  ['garbage collection', /^\(garbage collector\)/],
  ['duckdb: string vectors', /DuckDBVarCharVector|dataAccessors/],
  ['duckdb: appender flush (insert)', /DuckDBAppender/],
  ['duckdb: other vectors and chunks', /@duckdb\/node-api\/lib\/(vectors|DuckDBDataChunk)/],
  ['duckdb: statements (BEGIN/COMMIT)', /@duckdb\/node-api/],
  ['zod validation', /\/zod\//],
  ['validation fast path (compiled from the zod schema)', /^parseObject$|ingest\/fast-parse\.js/],
  ['parse worker messaging', /parse-pool\.js|parse-worker\.js|event-columns\.js|messageport|node:internal\/worker|^postMessage$/],
  ['NDJSON parse', /ingest\/body\.js|^RegExp:/],
  ['store (sessions, chunks, queue)', /exporter\/dist\/store\//],
  ['ingest (router, validate, convert)', /exporter\/dist\/ingest\//],
  ['express, body-parser, http', /node_modules\/(express|body-parser|raw-body|router|iconv-lite|on-finished|finalhandler)|node:_http|node:net|node:stream|node:zlib|^writev|^\(program\)/],
  ['prom-client', /prom-client/],
  ['module loading (start-up)', /node:internal\/modules|cjs-module-lexer|node:internal\/bootstrap|^wrapSafe/],
  ['models and background jobs (profiles, k-means)', /ml-kmeans|ml-matrix|models\/dist\//],
];

/** Self time per category (percent of samples) from the .cpuprofile files V8 wrote into `dir`. */
export function summariseCpuProfiles(dir: string): Record<string, number> {
  const totals = new Map<string, number>();
  let all = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const p = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < p.samples.length; i++) {
      const frame = byId.get(p.samples[i]!)!.callFrame;
      const key = `${frame.functionName} ${frame.url}`;
      const name = frame.url === '' ? frame.functionName : key;
      const category = CATEGORIES.find(([, re]) => re.test(name) || re.test(frame.url))?.[0] ?? 'other';
      const dt = p.timeDeltas[i] ?? 0;
      totals.set(category, (totals.get(category) ?? 0) + dt);
      all += dt;
    }
  }
  return Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Number(((100 * v) / all).toFixed(1))]));
}
