import { readFileSync } from 'node:fs';
import { loadAugurs as loadWith, loadAugursSync as loadSyncWith, type Augurs } from '@shadowfleet/models';

/**
 * @bsull/augurs, loaded once per process: the exporter reads the .wasm bytes and hands models the
 * loaded module (models does no I/O). The trend refresh uses the async form; the simulator's
 * `tiered-plan` strategies (CLI, live A/B arms) the sync one, as `{ augurs: loadAugursSync }`.
 */
export function loadAugurs(): Promise<Augurs> {
  return loadWith(readFileSync);
}

export function loadAugursSync(): Augurs {
  return loadSyncWith(readFileSync);
}
