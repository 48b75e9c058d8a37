import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildProgram } from '../main';
import { runStrategy, simulateJson } from '@shadowfleet/models';
import { sampleDataDir } from '../../paths';
import { shippedActuationDelay } from '../../sim/actuation-delay';
import { readTraceFile } from '../../sim/trace-file';

const sample = path.join(sampleDataDir, 'nasa-http-rate', 'nasa_1995-07-01_to_03_requests_per_minute.csv.gz');

async function run(args: string[]): Promise<string> {
  const out: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  try {
    await buildProgram().parseAsync(['node', 'shadowfleet', 'simulate', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

describe('shadowfleet simulate', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'sf-sim-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints exactly the contract keys with --json', async () => {
    const json = JSON.parse(await run(['--trace', sample, '--strategy', 'hpa', '--json']));
    expect(Object.keys(json)).toEqual([
      'strategy', 'minutes', 'capacity_per_host', 'cold_start_min', 'shadow_activation_min', 'shadow_standby_cost',
      'theta_U', 'theta_O', 'tau_U', 'tau_O', 'unserved_pct', 'cost_host_minutes', 'oracle_cost_host_minutes', 'cost_ratio',
    ]);
    expect(json).toMatchObject({ strategy: 'hpa', minutes: 4320, cold_start_min: 5, shadow_activation_min: 1, shadow_standby_cost: 0.1 });
    expect(json.capacity_per_host).toBeCloseTo(172 / 100, 10); // the sample's peak minute has 172 requests
    expect(json.cost_ratio).toBeCloseTo(json.cost_host_minutes / json.oracle_cost_host_minutes, 10);
  });

  it('runs a policy file (GET /v1/policy body) through the same code as the named strategy, and names a bad field', async () => {
    const policy = { strategy: 'tiered', targets: { utilisation: 1, servingQuantile: 0.98, surgeQuantile: 0.99 }, bounds: { minHosts: 1, maxHosts: 200 }, cooldowns: { scaleUpMinutes: 0, scaleDownMinutes: 0 }, profilePriorities: {} };
    const file = path.join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ version: 3, policy }));
    expect(JSON.parse(await run(['--trace', sample, '--policy', file, '--json']))).toEqual(JSON.parse(await run(['--trace', sample, '--json'])));
    const lower = path.join(dir, 'lower.json');
    writeFileSync(lower, JSON.stringify({ ...policy, targets: { ...policy.targets, servingQuantile: 0.6, surgeQuantile: 0.6 } }));
    const cheaper = JSON.parse(await run(['--trace', sample, '--policy', lower, '--json']));
    expect(cheaper.cost_host_minutes).toBeLessThan(JSON.parse(await run(['--trace', sample, '--json'])).cost_host_minutes);
    writeFileSync(lower, JSON.stringify({ ...policy, bounds: { minHosts: 1, maxHosts: 0 } }));
    await expect(run(['--trace', sample, '--policy', lower, '--json'])).rejects.toThrow(/bounds\.maxHosts must be ≥ 1/);
    await expect(run(['--trace', sample, '--policy', file, '--strategy', 'hpa'])).rejects.toThrow(/disagrees with the policy's strategy tiered/);
  });

  it('passes the flags to the simulator', async () => {
    const json = JSON.parse(await run(['--trace', sample, '--strategy', 'oracle', '--capacity', '10', '--cold-start', '3', '--shadow-activation', '2', '--shadow-cost', '0.2', '--json']));
    expect(json).toMatchObject({ capacity_per_host: 10, cold_start_min: 3, shadow_activation_min: 2, shadow_standby_cost: 0.2, cost_ratio: 1, tau_U: 0 });
  });

  it('models the real path\'s actuation delay: the shipped default, --actuation-delay 0 as before, a bad value named', async () => {
    const requests = readTraceFile(sample).requests;
    const config = { capacity: 1.72, coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };
    const atOnce = simulateJson(runStrategy('tiered', requests, config));
    expect(JSON.parse(await run(['--trace', sample, '--actuation-delay', '0', '--json']))).toEqual(atOnce);
    const shipped = shippedActuationDelay().steps;
    expect(shipped).toBeGreaterThan(0);
    const late = simulateJson(runStrategy('tiered', requests, { ...config, actuationDelay: shipped }));
    expect(JSON.parse(await run(['--trace', sample, '--json']))).toEqual(late);
    expect(JSON.parse(await run(['--trace', sample, '--actuation-delay', '1.5', '--json'])).tau_U).toBeGreaterThan(atOnce.tau_U);
    await expect(run(['--trace', sample, '--actuation-delay', '-1'])).rejects.toThrow('--actuation-delay must be ≥ 0, got -1');
  });

  it('writes one timeline row per minute and an SVG plot', async () => {
    const timeline = path.join(dir, 't.csv');
    const plot = path.join(dir, 'p.svg');
    await run(['--trace', sample, '--strategy', 'predictive', '--timeline', timeline, '--plot', plot, '--plot-minutes', '1440']);
    const rows = readFileSync(timeline, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('minute,requests,demand_hosts,serving_hosts,booting_hosts,standby_hosts,activating_hosts');
    expect(rows).toHaveLength(4321);
    expect(rows[1]).toBe('0,42,25,25,0,0,0');
    const svg = readFileSync(plot, 'utf8');
    expect(svg).toMatch(/^<svg [^>]*viewBox/);
    expect(svg).toContain('serving s_t');
    // The figure says which delay it was drawn with: the shipped path's by default.
    expect(svg).toContain(`actuation delay ${shippedActuationDelay().steps.toFixed(3)} step`);
  });

  it.each(['adaptive', 'replay-tuned'])('runs the tuner %s by name', async (strategy) => {
    // Ten hours of a synthetic trace (the tuners' segment is a day: this checks the choice is wired, fast).
    const short = path.join(dir, 'short.csv');
    const rows = Array.from({ length: 600 }, (_, i) => `${1_000_000 + 60 * i},${50 + (i % 97)}`);
    writeFileSync(short, ['timestamp,requests', ...rows].join('\n') + '\n');
    const json = JSON.parse(await run(['--trace', short, '--strategy', strategy, '--json']));
    expect(json).toMatchObject({ strategy, minutes: 600 });
    expect(json.cost_ratio).toBeGreaterThan(0);
  });

  describe('--events: a per-request log replayed as per-minute demand', () => {
    const epa = path.join(sampleDataDir, 'epa-http-log-19950830', 'epa-http_19950830_0000-0559.txt.gz');

    it('sums response KiB per minute and runs every strategy on it', async () => {
      const hpa = JSON.parse(await run(['--events', epa, '--format', 'epa', '--strategy', 'hpa', '--json']));
      // 00:00–05:56 EDT: 357 minutes; the busiest holds 2,302.67 KiB, so C = 23.03 KiB per host-minute.
      expect(hpa).toMatchObject({ strategy: 'hpa', minutes: 357, basis: 'bytes' });
      expect(hpa.forecast).toBeUndefined();
      expect(hpa.capacity_per_host).toBeCloseTo(23.0267, 3);
      const count = JSON.parse(await run(['--events', epa, '--format', 'epa', '--strategy', 'hpa', '--basis', 'count', '--json']));
      expect(count.capacity_per_host).toBeLessThan(1);
    });

    it('tiered gets the behaviour forecast when asked and reports how often it sized tier 2', async () => {
      const behaviour = JSON.parse(await run(['--events', epa, '--format', 'epa', '--forecast', 'behaviour', '--json']));
      expect(behaviour).toMatchObject({ strategy: 'tiered-behaviour', forecast: 'behaviour' });
      // One decision a minute after the 60-minute warm-up, minus the first minute.
      expect(behaviour.external.decisions).toBe(357 - 60);
      expect(behaviour.external.binding).toBeGreaterThanOrEqual(0);
      const volume = JSON.parse(await run(['--events', epa, '--format', 'epa', '--json']));
      expect(volume).toMatchObject({ strategy: 'tiered-volume', forecast: 'volume' });
      expect(volume.external).toBeUndefined();
      const foresight = JSON.parse(await run(['--events', epa, '--format', 'epa', '--forecast', 'foresight', '--json']));
      expect(foresight.external.binding).toBeGreaterThan(0);
      expect(foresight.tau_U).toBeLessThanOrEqual(volume.tau_U);
    });

    it('runs a policy file on the log too (its strategy, bounds and quantiles)', async () => {
      const policy = { strategy: 'tiered', targets: { utilisation: 1, servingQuantile: 0.6, surgeQuantile: 0.6 }, bounds: { minHosts: 1, maxHosts: 200 }, cooldowns: { scaleUpMinutes: 0, scaleDownMinutes: 0 }, profilePriorities: {} };
      const file = path.join(dir, 'events-policy.json');
      writeFileSync(file, JSON.stringify(policy));
      const lower = JSON.parse(await run(['--events', epa, '--format', 'epa', '--policy', file, '--json']));
      const standard = JSON.parse(await run(['--events', epa, '--format', 'epa', '--json']));
      expect(lower.strategy).toBe('tiered-volume');
      expect(lower.cost_host_minutes).toBeLessThan(standard.cost_host_minutes);
      writeFileSync(file, JSON.stringify({ ...policy, strategy: 'hpa' }));
      expect(JSON.parse(await run(['--events', epa, '--format', 'epa', '--policy', file, '--json'])).strategy).toBe('hpa');
    });

    it.each([
      [['--events', epa], '--events needs --format (e.g. nasa, epa, clf, csv, ndjson)'],
      [['--events', epa, '--format', 'epa', '--forecast', 'lstm'], '--forecast must be one of behaviour, volume, foresight, got "lstm"'],
      [['--events', epa, '--format', 'epa', '--basis', 'kib'], '--basis must be one of cost, durationMs, bytes, count, got "kib"'],
      [['--events', '/no/such/log', '--format', 'epa'], '--events /no/such/log: cannot read it (ENOENT)'],
      [['--events', epa, '--trace', sample], 'give exactly one of --trace <file> and --events <log>'],
      [[], 'give exactly one of --trace <file> and --events <log>'],
    ])('rejects %p with a clear error', async (args, message) => {
      await expect(run(args)).rejects.toThrow(message);
    });
  });

  it.each([
    [['--capacity', '-3'], '--capacity must be > 0, got -3'],
    [['--cold-start', '2.5'], '--cold-start must be a whole number of minutes ≥ 0, got 2.5'],
    [['--shadow-cost', 'x'], '--shadow-cost must be a number, got "x"'],
    [['--strategy', 'magic'], '--strategy must be one of tiered, hpa, predictive, oracle, adaptive, replay-tuned, tiered-plan, tiered-plan-net, got "magic"'],
    [['--column', 'bytes'], 'no column named "bytes"'],
  ])('rejects %p with a clear error', async (args, message) => {
    await expect(run(['--trace', sample, ...args])).rejects.toThrow(message);
  });
});
