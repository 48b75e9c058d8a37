import path from 'node:path';
import { buildProgram } from '../main';
import { sampleDataDir } from '../../paths';

const sample = path.join(sampleDataDir, 'nasa-http-rate', 'nasa_1995-07-01_to_03_requests_per_minute.csv.gz');

async function run(args: string[]): Promise<string> {
  const out: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  try {
    await buildProgram().parseAsync(['node', 'shadowfleet', 'experiment', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

describe('shadowfleet experiment', () => {
  it('compares two strategies over matched segments with a bootstrap interval', async () => {
    const r = JSON.parse(await run(['--trace', sample, '--a', 'hpa', '--b', 'oracle', '--segment-minutes', '360', '--resamples', '500', '--json']));
    expect(r).toMatchObject({ metric: 'tau_U', a: 'hpa', b: 'oracle', segments: 12, segment_minutes: 360, mean_b: 0, resamples: 500 });
    expect(r.ci_low).toBeLessThanOrEqual(r.mean_difference);
    expect(r.ci_high).toBeLessThan(0);
  });

  it('prints a readable summary', async () => {
    expect(await run(['--trace', sample, '--a', 'hpa', '--b', 'predictive', '--metric', 'cost_ratio', '--segment-minutes', '720'])).toMatch(
      /^cost_ratio over 6 segments of 720 min: hpa .*\ndifference predictive − hpa: .*95 % bootstrap CI/,
    );
  });

  it.each([
    [['--a', 'best'], '--a must be one of tiered, hpa, predictive, oracle, adaptive, replay-tuned, tiered-plan, tiered-plan-net, got "best"'],
    [['--metric', 'speed'], '--metric must be one of'],
    [['--segment-minutes', '0'], '--segment-minutes must be a whole number ≥ 1, got 0'],
    [['--resamples', '10'], '--resamples must be a whole number ≥ 100, got 10'],
  ])('rejects %p', async (args, message) => {
    await expect(run(['--trace', sample, ...args])).rejects.toThrow(message);
  });
});
