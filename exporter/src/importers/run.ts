import type { UserAttributes } from '@shadowfleet/models';
import type { IncomingEvent } from '../store/types';
import type { ImportFormat, ImportOptions, ImportSink } from './types';

export interface ImportSummary {
  readonly format: string;
  readonly events: number;
  readonly users: number;
  readonly skipped: number;
  /** The first few skipped lines and why. */
  readonly skippedExamples: ReadonlyArray<{ line: number; reason: string }>;
}

/** Events per write: large enough for the appender, small enough to stream. */
export const IMPORT_BATCH = 10_000;

/** Streams a file through a format into a sink in batches; never holds more than one batch. */
export async function runImport(file: string, format: ImportFormat, sink: ImportSink, options: ImportOptions = {}, batchSize = IMPORT_BATCH): Promise<ImportSummary> {
  let events: IncomingEvent[] = [];
  let users: UserAttributes[] = [];
  let nEvents = 0;
  let nUsers = 0;
  let skipped = 0;
  const skippedExamples: Array<{ line: number; reason: string }> = [];
  const flushEvents = async () => {
    if (events.length === 0) return;
    await sink.appendEvents(events);
    nEvents += events.length;
    events = [];
  };
  const flushUsers = async () => {
    if (users.length === 0) return;
    await sink.upsertUsers(users);
    nUsers += users.length;
    users = [];
  };
  for await (const item of format.read(file, options)) {
    if ('event' in item) {
      events.push(item.event);
      if (events.length >= batchSize) await flushEvents();
    } else if ('user' in item) {
      users.push(item.user);
      if (users.length >= batchSize) await flushUsers();
    } else {
      skipped++;
      if (skippedExamples.length < 5) skippedExamples.push({ line: item.line, reason: item.skipped });
    }
  }
  await flushEvents();
  await flushUsers();
  return { format: format.name, events: nEvents, users: nUsers, skipped, skippedExamples };
}
