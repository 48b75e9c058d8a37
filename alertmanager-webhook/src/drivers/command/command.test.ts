import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isRunning } from '../../engine/orphans';
import { memoryLogger } from '@shadowfleet/service-kit/testing';
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

  it.each([[['--delta={delta}']], [['--', '{delta}']], [['-d', '--', '{delta}x']]])('accepts {delta} where it cannot be read as an option: %j', (args) => {
    expect(commandOptions.safeParse({ apply: { program: '/bin/true', args }, status: { program: '/bin/true' } }).success).toBe(true);
  });

  it('runs the apply program in its own process group, reports the group, marks it with the intent, and kills the whole group at the timeout', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-command-'));
    const pidFile = path.join(dir, 'grandchild.pid');
    // the program starts a grandchild that would outlive it, then hangs
    const program = `const cp=require('node:child_process');const c=cp.spawn(process.execPath,['-e','setTimeout(()=>{},60000)'],{stdio:'ignore'});require('node:fs').writeFileSync(${JSON.stringify(pidFile)},String(c.pid));console.log(process.env.SHADOWFLEET_INTENT);setTimeout(()=>{},60000)`;
    const driver = new CommandDriver(commandOptions.parse({ apply: { program: process.execPath, args: ['-e', program] }, status: { program: '/bin/echo', args: ['1'] }, timeoutSeconds: 1 }), { pool: 'web', logger: memoryLogger() });
    const groups: number[] = [];
    try {
      await expect(driver.apply({ from: 1, to: 2, steps: [] }, { context: { intent: 'intent-7', action: 'scale_to', fingerprint: '624096824c09146c' }, onProcess: async (g) => void groups.push(g) })).rejects.toThrow('timed out after 1 s (timeoutSeconds)');
      expect(groups).toHaveLength(1);
      expect(driver.runs.at(-1)?.stdout).toBe('intent-7\n');
      const grandchild = Number(readFileSync(pidFile, 'utf8'));
      await new Promise((r) => setTimeout(r, 200));
      expect(isRunning(grandchild)).toBe(false);
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
    [
      { apply: { program: '/bin/true', args: ['--pool', '{pool}', '{delta}'] }, status: { program: '/bin/true' } },
      'apply.args: args[2] starts with {delta}, which is negative when the pool shrinks and would be read as an option; write it as --delta={delta} or after a "--" argument (or use the absolute {to})',
    ],
  ])('rejects unsafe options: %j', (options, message) => {
    const result = commandOptions.safeParse(options);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')).toContain(message);
  });
});
