import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** A file as a byte stream, gunzipped when it starts with the gzip magic bytes. Streams: never the whole file in memory. */
export async function openMaybeGzip(file: string): Promise<Readable> {
  const fh = await open(file, 'r');
  const head = Buffer.alloc(2);
  try {
    await fh.read(head, 0, 2, 0);
  } finally {
    await fh.close();
  }
  const raw = createReadStream(file);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    raw.on('error', (err) => gunzip.destroy(err));
    return raw.pipe(gunzip);
  }
  return raw;
}

/** Lines of a (possibly gzipped) text file, LF or CRLF, with 1-based line numbers. */
export async function* readLines(file: string): AsyncGenerator<{ text: string; line: number }> {
  const rl = createInterface({ input: await openMaybeGzip(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) yield { text, line: ++line };
}

/** The first non-empty line of a file (for format detection). */
export async function firstLine(file: string): Promise<string> {
  for await (const { text } of readLines(file)) if (text.trim() !== '') return text;
  return '';
}
