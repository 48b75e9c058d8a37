import type { ImportFormat, ImportItem, ImportOptions } from './types';
import { readLines } from './lines';
import { requestEvent } from './http-log';

const HEADER = 'host\tlogname\ttime\tmethod\turl\tresponse\tbytes';

/** The NASA-HTTP TSV (host, logname, time in epoch seconds, method, url, response, bytes, …) with a header. */
async function* readNasa(file: string, options: ImportOptions): AsyncGenerator<ImportItem> {
  let cols: Record<string, number> | undefined;
  for await (const { text, line } of readLines(file)) {
    if (text.trim() === '') continue;
    const f = text.split('\t');
    if (!cols) {
      cols = Object.fromEntries(f.map((name, i) => [name.trim(), i]));
      for (const need of ['host', 'time', 'url', 'response', 'bytes']) {
        if (cols[need] === undefined) throw new Error(`${file}: the header must name the column "${need}" (got ${f.join(', ')})`);
      }
      continue;
    }
    const host = f[cols.host!];
    const time = Number(f[cols.time!]);
    const url = f[cols.url!];
    const status = Number(f[cols.response!]);
    const bytesText = f[cols.bytes!];
    if (!host || !url || !Number.isFinite(time) || !(status >= 100 && status <= 599)) {
      yield { skipped: 'missing host, url, time or status', line };
      continue;
    }
    const bytes = bytesText === undefined || bytesText === '' || bytesText === '-' ? undefined : Number(bytesText);
    yield { event: requestEvent(host, time * 1000, url, status, Number.isFinite(bytes) ? bytes : undefined, options) };
  }
}

export const nasaTsvFormat: ImportFormat = {
  name: 'nasa-tsv',
  description: 'the NASA-HTTP TSV (header host, logname, time, method, url, response, bytes), plain or gzip',
  detect: (l) => l.startsWith(HEADER),
  read: readNasa,
};
