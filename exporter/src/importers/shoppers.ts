import { parse } from 'csv-parse';
import type { IncomingEvent } from '../store/types';
import type { ImportFormat, ImportItem } from './types';
import { openMaybeGzip } from './lines';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** The data has months but no year: sessions are placed in a nominal year. */
export const SHOPPERS_NOMINAL_YEAR = 2000;
const PAGE_KINDS = [
  ['Administrative', 'administrative'],
  ['Informational', 'informational'],
  ['ProductRelated', 'product_related'],
] as const;

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s));

/**
 * The UCI online-shoppers CSV: one row per session, each from a different user (`shopper-<row>`,
 * 1-based). A row becomes its page views as events (action = page kind, duration = the kind's total
 * time / its page count; -1 durations are left out) and the user's attributes (visitor type,
 * region, bounce and exit rates, revenue, …). Page order and times are not in the data: views are
 * laid out kind by kind from the 1st of the row's month in a nominal year, each after the previous
 * one's mean duration.
 */
async function* readShoppers(file: string): AsyncGenerator<ImportItem> {
  const rows = (await openMaybeGzip(file)).pipe(parse({ columns: true, skip_empty_lines: true, trim: true }));
  let row = 0;
  for await (const r of rows as AsyncIterable<Record<string, string>>) {
    row++;
    const id = `shopper-${row}`;
    const month = MONTHS.indexOf((r.Month ?? '').slice(0, 3).toLowerCase());
    if (month < 0) {
      yield { skipped: `Month ${JSON.stringify(r.Month)} is not a month name`, line: row + 1 };
      continue;
    }
    let t = Date.UTC(SHOPPERS_NOMINAL_YEAR, month, 1);
    for (const [column, action] of PAGE_KINDS) {
      const count = num(r[column]);
      const total = num(r[`${column}_Duration`]);
      if (count === undefined || !(count > 0)) continue;
      const each = total !== undefined && total >= 0 ? (total * 1000) / count : undefined;
      for (let i = 0; i < count; i++) {
        const e: { -readonly [K in keyof IncomingEvent]: IncomingEvent[K] } = { userId: id, sessionId: id, timestamp: Math.round(t), action, dataType: 'page' };
        if (each !== undefined) e.durationMs = each;
        yield { event: e };
        t += each ?? 0;
      }
    }
    yield {
      user: {
        userId: id,
        attributes: {
          visitor_type: r.VisitorType ?? '',
          month: r.Month ?? '',
          weekend: r.Weekend === 'TRUE',
          revenue: r.Revenue === 'TRUE',
          operating_system: r.OperatingSystems ?? '',
          browser: r.Browser ?? '',
          region: r.Region ?? '',
          traffic_type: r.TrafficType ?? '',
          ...(num(r.BounceRates) !== undefined ? { bounce_rate: num(r.BounceRates)! } : {}),
          ...(num(r.ExitRates) !== undefined ? { exit_rate: num(r.ExitRates)! } : {}),
          ...(num(r.PageValues) !== undefined ? { page_value: num(r.PageValues)! } : {}),
          ...(num(r.SpecialDay) !== undefined ? { special_day: num(r.SpecialDay)! } : {}),
        },
      },
    };
  }
}

export const shoppersFormat: ImportFormat = {
  name: 'shoppers',
  description: 'the UCI online-shoppers-intention CSV (one session per row → page-view events + user attributes)',
  detect: (l) => l.startsWith('Administrative,Administrative_Duration'),
  read: readShoppers,
};
