import path from 'node:path';

/**
 * The compiled script `script` beside the module `callerFile` (pass `__filename`). Worker threads and the
 * helper processes the services and tests spawn always run compiled JavaScript: from dist/ this is the file
 * beside the caller; from the TypeScript sources (jest runs src/ through ts-jest) it is the same path under
 * dist/, so tests need `tsc -b` first (`npm test` does that). The one place that maps src/ to dist/.
 */
export function compiledScript(callerFile: string, script: string): string {
  const dir = path.dirname(callerFile);
  const src = `${path.sep}src${path.sep}`;
  const at = `${dir}${path.sep}`.lastIndexOf(src);
  const here = callerFile.endsWith('.ts') && at >= 0 ? path.join(dir.slice(0, at), 'dist', dir.slice(at + src.length)) : dir;
  return path.join(here, script);
}
