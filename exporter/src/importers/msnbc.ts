import type { ImportFormat, ImportItem } from './types';
import { readLines } from './lines';

/** 28 Sep 1999 00:00 Pacific (PDT, UTC-7): the day of the MSNBC data. */
export const MSNBC_DAY_START_MS = Date.UTC(1999, 8, 28, 7);
/** Synthetic spacing of a sequence's page views: the data has their order only, not their times. */
export const MSNBC_STEP_MS = 1000;

/**
 * The MSNBC `.seq` format: a header listing the 17 category names, then one line per user of
 * space-separated category numbers (1-based). Each line becomes user and session `msnbc-<n>` (n
 * counts non-empty sequences from 0, the benchmark protocol's numbering) with one event per page
 * view, action = category name. Timestamps are synthetic: every sequence starts at the day's start
 * and its views are 1 s apart; the order is real, the times are not.
 */
async function* readMsnbc(file: string): AsyncGenerator<ImportItem> {
  let names: string[] | undefined;
  let inSequences = false;
  let n = 0;
  for await (const { text, line } of readLines(file)) {
    const t = text.trim();
    if (!inSequences) {
      if (t.startsWith('% Sequences')) inSequences = true;
      else if (t !== '' && !t.startsWith('%') && !names) names = t.split(/\s+/);
      continue;
    }
    if (t === '') continue;
    if (!names) throw new Error(`${file}: no category list before "% Sequences:"`);
    const id = `msnbc-${n++}`;
    const cats = t.split(/\s+/);
    for (let j = 0; j < cats.length; j++) {
      const name = names[Number(cats[j]) - 1];
      if (name === undefined) {
        yield { skipped: `category ${JSON.stringify(cats[j])} is not 1..${names.length}`, line };
        continue;
      }
      yield { event: { userId: id, sessionId: id, timestamp: MSNBC_DAY_START_MS + j * MSNBC_STEP_MS, action: name } };
    }
  }
}

export const msnbcFormat: ImportFormat = {
  name: 'msnbc',
  description: 'MSNBC.com .seq page-category sequences (one user per line; synthetic 1 s spacing), plain or gzip',
  detect: (l) => l.startsWith('% Different categories'),
  read: readMsnbc,
};
