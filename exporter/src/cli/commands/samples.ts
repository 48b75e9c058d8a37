import type { EventStore } from '../../store/types';

/** Imports the bundled samples (data/samples) into a new store. Filled in with the importers. */
export async function importSamples(_store: EventStore, _log: (line: string) => void): Promise<void> {}
