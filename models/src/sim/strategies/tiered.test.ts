import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseTrace } from '../trace';
import { defaultCapacity } from '../demand';
import { runStrategy } from '../strategies';

// Three real days of NASA traffic (data/samples/nasa-http-rate, see its README).
const sample = path.resolve(__dirname, '../../../../data/samples/nasa-http-rate/nasa_1995-07-01_to_03_requests_per_minute.csv.gz');

describe('strategy tiered (the resource manager in the simulator)', () => {
  const requests = parseTrace(gunzipSync(readFileSync(sample)).toString()).requests;
  const config = { capacity: defaultCapacity(requests), coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };

  it('draws on shadow hosts and under-provisions far less often than hpa', () => {
    const tiered = runStrategy('tiered', requests, config, { timeline: true });
    const hpa = runStrategy('hpa', requests, config);
    expect(tiered.timeline!.some((r) => r.standby > 0)).toBe(true);
    expect(tiered.timeline!.some((r) => r.activating > 0)).toBe(true);
    expect(tiered.metrics.tau_U).toBeLessThan(hpa.metrics.tau_U / 3);
  });

  it('is deterministic', () => {
    const day = requests.slice(0, 1440);
    expect(runStrategy('tiered', day, config).metrics).toEqual(runStrategy('tiered', day, config).metrics);
  });

  it('after an outage keeps a few hosts above demand, not tens: minutes of 0–2 requests are not read as bursts', () => {
    // 24 h after NASA's August 1995 outage, then the 6 h the replay bench holds out (data/samples/nasa-http-rate-after-outage).
    const file = path.resolve(__dirname, '../../../../data/samples/nasa-http-rate-after-outage/nasa_1995-08-03_to_04_requests_per_minute.csv.gz');
    const after = parseTrace(gunzipSync(readFileSync(file)).toString()).requests;
    const slice = after.slice(1440);
    const run = runStrategy('tiered', after, { capacity: Math.max(...slice) / 20, coldStart: 5, shadowActivation: 1, shadowCost: 0.1, actuationDelay: 0.384 }, { timeline: true });
    const rows = run.timeline!.slice(1440);
    const mean = (f: (r: (typeof rows)[number]) => number): number => rows.reduce((a, r) => a + f(r), 0) / rows.length;
    // Before the noise guard: 5 × the demand serving and ~77 standby hosts (docs/simulation.md).
    expect(mean((r) => r.serving)).toBeLessThan(2.5 * mean((r) => r.demand));
    expect(mean((r) => r.standby)).toBeLessThan(10);
  });
});

