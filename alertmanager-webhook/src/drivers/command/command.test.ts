import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryLogger } from '../../util/logger';
import { describeDriverContract } from '../shared-suite';
import { CommandDriver, commandOptions } from './command-driver';

const script = path.join(__dirname, 'fixtures', 'pool-state.cjs');

function setup(pool = 'web', initial = 2, timeoutSeconds = 10) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-command-'));
  const state = path.join(dir, 'state.json');
  writeFileSync(state, JSON.stringify({ [pool]: initial }));
  const options = commandOptions.parse({
    apply: { program: process.execPath, args: [script, state, 'set', '{pool}', '{to}', '--from={from}', '--action={action}', '--tier={tier}', '--fingerprint={fingerprint}'] },
    status: { program: process.execPath, args: [script, state, 'get', '{pool}'] },
    timeoutSeconds,
  });
  const driver = new CommandDriver(options, { pool, logger: memoryLogger() });
  const observe = async () => (JSON.parse(readFileSync(state, 'utf8')) as Record<string, number>)[pool] ?? 0;
  return { dir, state, driver, observe };
}

describeDriverContract('command (a real program run without a shell)', async () => {
  const { dir, driver, observe } = setup();
  return { driver, initial: 2, observe, teardown: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe('command driver', () => {
  it('passes validated alert fields as separate argv entries', async () => {
    const { dir, state, driver } = setup();
    try {
      await driver.apply({ from: 2, to: 5, steps: [] }, { context: { intent: 'i-1', action: 'scale_to', tier: 3, fingerprint: '624096824c09146c' } });
      const argv = readFileSync(`${state}.argv.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]);
      expect(argv).toEqual([[state, 'set', 'web', '5', '--from=2', '--action=scale_to', '--tier=3', '--fingerprint=624096824c09146c']]);
      expect(driver.runs.at(-2)?.stdout).toBe('pool web set to 5\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never lets a shell interpret an argument', async () => {
    const { dir, state, driver } = setup();
    const marker = path.join(dir, 'pwned');
    try {
      const hostile = new CommandDriver(
        commandOptions.parse({ apply: { program: process.execPath, args: [script, state, 'set', 'web', `$(touch ${marker})`] }, status: { program: process.execPath, args: [script, state, 'get', 'web'] } }),
        { pool: 'web', logger: memoryLogger() },
      );
      await expect(hostile.apply({ from: 2, to: 3, steps: [] })).rejects.toThrow(`exited with 2; stderr: size must be a whole number, got $(touch ${marker})`);
      expect(existsSync(marker)).toBe(false);
      expect((await driver.status()).active).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('kills a program that outlives its timeout and says so', async () => {
    const { dir, driver } = setup('sleep', 0, 0.3);
    try {
      await expect(driver.status()).rejects.toThrow('timed out after 0.3 s (timeoutSeconds)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains status output it cannot read', async () => {
    const driver = new CommandDriver(commandOptions.parse({ apply: { program: '/bin/true' }, status: { program: '/bin/echo', args: ['three'] } }), { pool: 'web', logger: memoryLogger() });
    await expect(driver.status()).rejects.toThrow('status program of pool web must print {"active": N, "standby": M} or an integer, got "three\\n"');
  });

  it.each([
    [{ apply: { program: 'terraform' }, status: { program: '/bin/true' } }, 'apply.program: must be an absolute path (no shell, no PATH lookup)'],
    [{ apply: { program: '/bin/true', args: ['{password}'] }, status: { program: '/bin/true' } }, 'apply.args: unknown placeholder {password}'],
  ])('rejects unsafe options: %j', (options, message) => {
    const result = commandOptions.safeParse(options);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')).toContain(message);
  });
});
