// Known exception to "models imports no Node I/O" (eslint.config.mjs): the wasm bytes of @bsull/augurs are
// read here because models' own simulator strategies (sim/strategies.ts) and tests load augurs. Moving
// the read to the services means injecting Augurs into the strategy registry; tracked in issue 15.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as MstlModule from '@bsull/augurs/mstl' with { 'resolution-mode': 'import' };
import type * as ChangepointModule from '@bsull/augurs/changepoint' with { 'resolution-mode': 'import' };

/** The parts of @bsull/augurs the trend area uses, initialised and ready. */
export interface Augurs {
  readonly MSTL: typeof MstlModule.MSTL;
  readonly ChangepointDetector: typeof ChangepointModule.ChangepointDetector;
}

type WasmSubmodule = { initSync(arg: { module: Uint8Array }): unknown };

let loaded: Promise<Augurs> | undefined;
let loadedSync: Augurs | undefined;

/**
 * Loads @bsull/augurs once per process. The package is ESM-only while we compile to CommonJS, so it is
 * loaded through Node's own CommonJS loader, which accepts ESM (`require(esm)`, on by default from
 * Node 20.19). That loader comes from `process.getBuiltinModule`, so the same code also works inside jest,
 * whose sandboxed `require`/`import()` cannot load ESM without --experimental-vm-modules. Each submodule
 * is initialised synchronously from its own .wasm file (the web-style default init would fetch a URL).
 * Reading the module bytes is the only I/O here; the computation around it stays pure.
 */
export function loadAugurs(): Promise<Augurs> {
  loaded ??= Promise.resolve().then(loadAugursSync);
  return loaded;
}

/** The same, synchronously (for code that runs step by step, like a simulator strategy); loaded once per process. */
export function loadAugursSync(): Augurs {
  loadedSync ??= loadNow();
  return loadedSync;
}

function loadNow(): Augurs {
  const nodeModule = process.getBuiltinModule('node:module');
  const nativeRequire = nodeModule.createRequire(__filename);
  const load = <T extends WasmSubmodule>(name: string): T => {
    const entry = nativeRequire.resolve(`@bsull/augurs/${name}`);
    let mod: T;
    try {
      mod = nativeRequire(entry) as T;
    } catch (err) {
      throw new Error(
        `cannot load @bsull/augurs/${name} (${(err as Error).message}); it is ESM-only and needs Node ≥ 20.19, ` +
          `where require() of ES modules is on by default (running ${process.version})`,
      );
    }
    // wasm-bindgen checks the argument's prototype against its own realm's Object.prototype; build the
    // argument in the loader's realm (jest runs tests in a separate one).
    const realmObjectProto = Object.getPrototypeOf(Object.getPrototypeOf(nativeRequire)) as object;
    const arg = Object.assign(Object.create(realmObjectProto) as { module: Uint8Array }, {
      module: readFileSync(path.join(path.dirname(entry), `${name}_bg.wasm`)),
    });
    mod.initSync(arg);
    return mod;
  };
  const mstl = load<typeof MstlModule & WasmSubmodule>('mstl');
  const changepoint = load<typeof ChangepointModule & WasmSubmodule>('changepoint');
  return { MSTL: mstl.MSTL, ChangepointDetector: changepoint.ChangepointDetector };
}
