import path from 'node:path';

/** The package folder, from src/util or dist/util alike. */
export const packageRoot = path.resolve(__dirname, '..', '..');

/**
 * Non-TypeScript files kept beside the sources (fixture programs, real payloads, test TLS material):
 * tsc does not copy them to dist, so compiled code (the benchmarks) reads them from src.
 */
export const sourceFile = (...parts: string[]) => path.join(packageRoot, 'src', ...parts);
