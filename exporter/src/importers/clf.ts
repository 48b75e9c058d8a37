import type { ImportFormat, ImportItem, ImportOptions } from './types';
import { readLines } from './lines';
import { requestEvent, requestUrl } from './http-log';

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/** `host ident user [10/Oct/2000:13:55:36 -0700] "GET /x HTTP/1.0" 200 2326` (extra fields after bytes are ignored). */
const CLF = /^(\S+) \S+ \S+ \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\] "(.*)" (\d{3}) (\d+|-)(?:\s.*)?$/;
/** The EPA-HTTP trace: `host [DD:HH:MM:SS] "GET /x HTTP/1.0" 200 2326`; month and zone are implicit. */
const EPA = /^(\S+) \[(\d{2}):(\d{2}):(\d{2}):(\d{2})\] "(.*)" (\d{3}) (\d+|-)\s*$/;

function offsetMs(offset: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) throw new Error(`utc offset must look like -04:00, got ${JSON.stringify(offset)}`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

const bytesOf = (s: string) => (s === '-' ? undefined : Number(s));

async function* readClf(file: string, options: ImportOptions): AsyncGenerator<ImportItem> {
  for await (const { text, line } of readLines(file)) {
    if (text.trim() === '') continue;
    const m = CLF.exec(text);
    const url = m && requestUrl(m[9]!);
    const month = m && MONTHS[m[3]!.toLowerCase()];
    if (!m || url === undefined || url === null || month === undefined || month === null) {
      yield { skipped: 'not a Common Log Format line', line };
      continue;
    }
    const ts = Date.UTC(Number(m[4]), month, Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7])) - offsetMs(m[8]!);
    yield { event: requestEvent(m[1]!, ts, url, Number(m[10]), bytesOf(m[11]!), options) };
  }
}

async function* readEpa(file: string, options: ImportOptions): AsyncGenerator<ImportItem> {
  const ym = /^(\d{4})-(\d{2})$/.exec(options.month ?? '1995-08');
  if (!ym) throw new Error(`--month must be YYYY-MM, got ${JSON.stringify(options.month)}`);
  const zone = offsetMs(options.utcOffset ?? '-04:00');
  for await (const { text, line } of readLines(file)) {
    if (text.trim() === '') continue;
    const m = EPA.exec(text);
    const url = m && requestUrl(m[6]!);
    if (!m || !url) {
      yield { skipped: 'not an EPA-style log line', line };
      continue;
    }
    const ts = Date.UTC(Number(ym[1]), Number(ym[2]) - 1, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) - zone;
    yield { event: requestEvent(m[1]!, ts, url, Number(m[7]), bytesOf(m[8]!), options) };
  }
}

export const clfFormat: ImportFormat = {
  name: 'clf',
  description: 'Common Log Format web server log (host ident user [date] "request" status bytes), plain or gzip',
  detect: (l) => CLF.test(l),
  read: readClf,
};

export const epaFormat: ImportFormat = {
  name: 'epa',
  description: 'the EPA-HTTP trace\'s log ([DD:HH:MM:SS] stamps; --month 1995-08 and --utc-offset -04:00 by default)',
  detect: (l) => EPA.test(l),
  read: readEpa,
};
