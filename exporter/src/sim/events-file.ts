import { accessSync, constants } from 'node:fs';
import type { BehaviourEvent } from '@shadowfleet/models';
import { profileFormat } from '../profiles/offline';
import type { ImportOptions } from '../importers/types';

/**
 * Reads a per-request log through the project's importers (hosts as users, actions from URL paths):
 * the events `simulate --events` and the behaviour benchmark replay. `format` is an importer name
 * (or `nasa` for `nasa-tsv`); lines the importer skips are counted, not fatal.
 */
export async function readEventsFile(file: string, format: string, options: ImportOptions = {}): Promise<{ events: BehaviourEvent[]; skipped: number }> {
  try {
    accessSync(file, constants.R_OK);
  } catch (err) {
    throw new Error(`--events ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const events: BehaviourEvent[] = [];
  let skipped = 0;
  for await (const item of profileFormat(format).read(file, options)) {
    if ('event' in item) events.push({ ...item.event, sessionId: item.event.sessionId ?? '' });
    else if ('skipped' in item) skipped++;
  }
  if (events.length === 0) throw new Error(`--events ${file}: no requests read as format "${format}" (${skipped} lines skipped); check --format`);
  return { events, skipped };
}
