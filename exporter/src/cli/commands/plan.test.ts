import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildProgram, main } from '../main';
import { sampleDataDir } from '../../paths';

// Fitting MSTL takes a second or more on a busy 2-core machine; jest's 5 s default is too tight.
jest.setTimeout(60_000);

const sample = path.join(sampleDataDir, 'nasa-http-rate-2weeks', 'nasa_1995-07-01_to_15_requests_per_minute.csv.gz');

async function run(args: string[]): Promise<string> {
  const out: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  try {
    await buildProgram().parseAsync(['node', 'shadowfleet', 'plan', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

describe('shadowfleet plan', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'sf-plan-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the forecast, peaks and a 7-day plan as JSON', async () => {
    const json = JSON.parse(await run(['--history', sample, '--capacity', '5', '--json']));
    expect(json.forecast).toMatchObject({ start: '1995-07-16T04:00:00.000Z', step_minutes: 15, level: 0.95, periods_steps: [96, 672] });
    expect(json.forecast.horizons.map((h: { horizon: string }) => h.horizon)).toEqual(['15m', '1h', '6h', '1d', '7d']);
    expect(json.plan.hours).toHaveLength(168);
    expect(json.plan.capacity_per_host).toBe(5);
    expect(json.plan.activation.minSustainedMinutes).toBe(15);
    const first = json.plan.warmups[0];
    expect(Date.parse(first.ready) - Date.parse(first.start_warming)).toBe(5 * 60_000);
    expect(json.peaks.daily.length).toBeGreaterThan(0);
    expect(Date.parse(json.peaks.next_peak_start)).toBeGreaterThan(Date.parse(json.forecast.start));
  });

  it('splits standby hosts over the templates of a settings file', async () => {
    const settings = path.join(dir, 'settings.json');
    writeFileSync(
      settings,
      JSON.stringify({
        coldStartMinutes: 10,
        templates: [
          { name: 'analytics', stack: 'api+olap', preload: ['cube'], profiles: ['analyst'] },
          { name: 'web', stack: 'api', profiles: [] },
        ],
      }),
    );
    const json = JSON.parse(await run(['--history', sample, '--settings', settings, '--hours', '24', '--json']));
    expect(json.plan.hours).toHaveLength(24);
    expect(json.plan.cold_start_min).toBe(10);
    expect(Object.keys(json.plan.hours[0].by_template)).toEqual(['analytics', 'web']);
    // Without a profile mix every standby host goes to the default template.
    for (const h of json.plan.hours) expect(h.by_template.web).toBe(h.standby_hosts);
  });

  it('prints a readable plan without --json', async () => {
    const text = await run(['--history', sample, '--hours', '48']);
    expect(text).toMatch(/^forecast from 1995-07-16T04:00Z: MSTL\+ETS, periods 96, 672/);
    expect(text).toContain('shadow fleet plan: capacity');
    expect(text).toMatch(/warm-up orders \(first \d+ of \d+\):/);
  });

  it.each([
    [['--level', '2'], 'level: must be < 1'],
    [['--capacity', 'abc'], '--capacity must be a number, got "abc"'],
    [['--min-sustained', '-5'], 'minSustainedMinutes: must be ≥ 0'],
  ])('rejects %j', async (flags, message) => {
    await expect(run(['--history', sample, ...flags])).rejects.toThrow(message);
  });

  it('--help lists the options', async () => {
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    try {
      await main(['node', 'shadowfleet', 'plan', '--help']);
    } finally {
      spy.mockRestore();
    }
    const help = out.join('');
    for (const flag of ['--history <file>', '--json', '--settings <file>', '--capacity <n>', '--cold-start <min>', '--min-sustained <min>', '--level <p>', '--hours <n>']) {
      expect(help).toContain(flag);
    }
  });

  it('names a missing history file', async () => {
    await expect(run(['--history', path.join(dir, 'nope.csv')])).rejects.toThrow(/nope\.csv: cannot read it \(ENOENT\)/);
  });

  it('names a bad template in the settings file', async () => {
    const settings = path.join(dir, 'bad.json');
    writeFileSync(settings, JSON.stringify({ templates: [{ name: 'x' }] }));
    await expect(run(['--history', sample, '--settings', settings])).rejects.toThrow(/templates\.0\.stack: /);
  });
});
