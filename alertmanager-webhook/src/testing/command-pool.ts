import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceFile } from '../util/package-paths';

/**
 * A temp dir with a command-driver pool backed by drivers/command/fixtures/pool-state.cjs (a real
 * program keeping sizes in a JSON file), for service-level tests.
 */
export function commandPool(initial: Record<string, number>, env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-service-'));
  const state = path.join(dir, 'pools.json');
  writeFileSync(state, JSON.stringify(initial));
  const script = sourceFile('drivers', 'command', 'fixtures', 'pool-state.cjs');
  const pool = (name: string, over: Record<string, unknown> = {}) => ({
    driver: 'command',
    min: 1,
    max: 10,
    cooldownSeconds: 0,
    options: {
      apply: { program: process.execPath, args: [script, state, 'set', '{pool}', '{to}'] },
      status: { program: process.execPath, args: [script, state, 'get', '{pool}'] },
      env,
    },
    ...over,
    name,
  });
  return {
    dir,
    dataDir: path.join(dir, 'data'),
    pool: (name: string, over: Record<string, unknown> = {}) => {
      const { name: _n, ...rest } = pool(name, over);
      return rest;
    },
    sizes: () => JSON.parse(readFileSync(state, 'utf8')) as Record<string, number>,
    /** argv lines the program recorded, one per applied change. */
    applies: () => {
      try {
        return readFileSync(`${state}.argv.jsonl`, 'utf8').trim().split('\n').filter(Boolean).length;
      } catch {
        return 0;
      }
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
