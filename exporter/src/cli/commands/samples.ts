import { existsSync } from 'node:fs';
import path from 'node:path';
import { detectFormat, runImport, storeSink } from '../../importers';
import { sampleDataDir } from '../../paths';
import type { Logger } from '../../logger';
import type { EventStore } from '../../store/types';

/** The bundled event samples imported into a new store by `shadowfleet start` (see data/samples/README.md). */
export const SAMPLE_FILES = [
  'nasa-http-log-19950801/nasa_19950801_0200-0559.tsv.gz',
  'epa-http-log-19950830/epa-http_19950830_0000-0559.txt.gz',
  'msnbc/msnbc990928-first3000.seq.gz',
  'online-shoppers-intention/online_shoppers_intention_every25th.csv',
];

export async function importSamples(store: EventStore, log: Logger): Promise<void> {
  for (const rel of SAMPLE_FILES) {
    const file = path.join(sampleDataDir, rel);
    if (!existsSync(file)) {
      log.warn({ file: rel }, `${rel} is missing, skipped`);
      continue;
    }
    const s = await runImport(file, await detectFormat(file), storeSink(store));
    log.info({ file: rel, format: s.format, events: s.events, users: s.users }, `imported ${rel} (${s.format}): ${s.events} events, ${s.users} users`);
  }
}
