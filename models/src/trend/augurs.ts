import path from 'node:path';
import type * as MstlModule from '@bsull/augurs/mstl' with { 'resolution-mode': 'import' };
import type * as ChangepointModule from '@bsull/augurs/changepoint' with { 'resolution-mode': 'import' };

/** The parts of @bsull/augurs the trend area uses, initialised and ready. */
export interface Augurs {
  readonly MSTL: typeof MstlModule.MSTL;
  readonly ChangepointDetector: typeof ChangepointModule.ChangepointDetector;
}

type WasmSubmodule = { initSync(arg: { module: Uint8Array }): unknown };

/** Reads a file's bytes. Models does no I/O: the exporter passes `fs.readFileSync` (exporter/src/trend/augurs.ts). */
export type ReadBytes = (file: string) => Uint8Array;

let loaded: Promise<Augurs> | undefined;
let loadedSync: Augurs | undefined;

/**
 * Loads @bsull/augurs once per process. The package is ESM-only while we compile to CommonJS, so it is
 * loaded through Node's own CommonJS loader, which accepts ESM (`require(esm)`, on by default from
 * Node 20.19). That loader comes from `process.getBuiltinModule`, so the same code also works inside jest,
 * whose sandboxed `require`/`import()` cannot load ESM without --experimental-vm-modules. Each submodule
 * is initialised synchronously from its own .wasm file, whose bytes `read` gives (the web-style default
 * init would fetch a URL): the caller does the I/O.
 */
export function loadAugurs(read: ReadBytes): Promise<Augurs> {
  loaded ??= Promise.resolve().then(() => loadAugursSync(read));
  return loaded;
}

/** The same, synchronously (for code that runs step by step, like a simulator strategy); loaded once per process. */
export function loadAugursSync(read: ReadBytes): Augurs {
  loadedSync ??= loadNow(read);
  return loadedSync;
}

function loadNow(read: ReadBytes): Augurs {
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
      module: read(path.join(path.dirname(entry), `${name}_bg.wasm`)),
    });
    mod.initSync(arg);
    return mod;
  };
  const mstl = load<typeof MstlModule & WasmSubmodule>('mstl');
  const changepoint = load<typeof ChangepointModule & WasmSubmodule>('changepoint');
  return { MSTL: mstl.MSTL, ChangepointDetector: changepoint.ChangepointDetector };
}
