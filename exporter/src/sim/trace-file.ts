import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseTrace, type Trace } from '@shadowfleet/models';

/** Reads a trace file (CSV or per-second counts, gzip detected by its magic bytes). */
export function readTraceFile(file: string, column?: string): Trace {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new Error(`--trace ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const gzip = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = (gzip ? gunzipSync(bytes) : bytes).toString('utf8');
  return parseTrace(text, { column, source: file });
}
