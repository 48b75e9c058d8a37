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
});
