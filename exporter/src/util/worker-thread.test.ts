import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compiledWorker, runInWorker } from './worker-thread';

describe('compiledWorker', () => {
  it.each([
    ['a TypeScript source maps to dist/', '/r/exporter/src/trend/runner.ts', '/r/exporter/dist/trend/worker.js'],
    ['compiled code uses the file beside it', '/r/exporter/dist/trend/runner.js', '/r/exporter/dist/trend/worker.js'],
    ['only the last src/ is replaced', '/src/r/exporter/src/trend/runner.ts', '/src/r/exporter/dist/trend/worker.js'],
  ])('%s', (_name, caller, want) => {
    expect(compiledWorker(caller.split('/').join(path.sep), 'worker.js')).toBe(want.split('/').join(path.sep));
  });
});

describe('runInWorker', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-worker-'));
    writeFileSync(path.join(dir, 'echo.js'), "require('node:worker_threads').parentPort.once('message', (m) => require('node:worker_threads').parentPort.postMessage(m * 2));");
    writeFileSync(path.join(dir, 'exit.js'), 'process.exit(3);');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('settles with what the job resolves', async () => {
    const doubled = runInWorker<number>(path.join(dir, 'echo.js'), { what: 'echo' }, (worker, job) => {
      worker.once('message', (m: number) => job.resolve(m));
      worker.postMessage(21);
    });
    await expect(doubled).resolves.toBe(42);
  });

  it('rejects naming the worker when it exits before answering', async () => {
    await expect(runInWorker(path.join(dir, 'exit.js'), { what: 'exit test' }, () => undefined)).rejects.toThrow('exit test worker exited with code 3 before answering');
  });
});
