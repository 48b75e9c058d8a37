import { clfFormat, epaFormat } from './clf';
import { csvFormat, ndjsonFormat } from './generic';
import { firstLine } from './lines';
import { msnbcFormat } from './msnbc';
import { nasaTsvFormat } from './nasa-tsv';
import { shoppersFormat } from './shoppers';
import type { ImportFormat } from './types';

/** Every import format, in detection order (specific before generic). */
export const importFormats: readonly ImportFormat[] = [nasaTsvFormat, msnbcFormat, shoppersFormat, epaFormat, clfFormat, csvFormat, ndjsonFormat];

export function formatByName(name: string): ImportFormat {
  const f = importFormats.find((x) => x.name === name);
  if (!f) throw new Error(`unknown import format ${JSON.stringify(name)}; known: ${importFormats.map((x) => x.name).join(', ')}`);
  return f;
}

/** Picks the format from the file's first line; throws naming the known formats when none fits. */
export async function detectFormat(file: string): Promise<ImportFormat> {
  const line = await firstLine(file);
  const f = importFormats.find((x) => x.detect(line));
  if (!f) {
    throw new Error(`cannot tell the format of ${file} from its first line; pass --format (${importFormats.map((x) => x.name).join(', ')})`);
  }
  return f;
}
