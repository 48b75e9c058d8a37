import { demandSeries } from '../demand';
import { elasticityMetrics, oracleCost } from '../metrics';
import type { SimResult, SimulateOptions } from '../simulate';
import { validateSimConfig } from '../simulate';
import type { SimConfig, TimelineRow } from '../types';

/**
 * Baseline `oracle` (the one strategy that sees the future): s_t = d_t at the oracle cost. In the
 * timeline, `booting` counts hosts in the Lc minutes before each launch's first serving minute; hosts
 * kept through a bridged gap are paid for but appear in no column (they serve nobody).
 */
export function simulateOracle(requests: ArrayLike<number>, config: SimConfig, options: SimulateOptions = {}): SimResult {
  validateSimConfig(config);
  const T = requests.length;
  if (T === 0) throw new RangeError('the trace has no minutes to simulate');
  const demand = demandSeries(requests, config.capacity);
  const cost = oracleCost(demand, config.coldStart);
  const metrics = elasticityMetrics({ requests, demand, supply: demand, capacity: config.capacity, cost, oracleCost: cost });
  let timeline: TimelineRow[] | undefined;
  if (options.timeline) {
    const bootDelta = new Int32Array(T + 1);
    const lastEnd: number[] = [];
    for (let t = 0; t < T; t++) {
      for (let k = 1; k <= demand[t]; k++) {
        const end = lastEnd[k] ?? -1;
        const launched = t > 0 && end !== t && (end < 0 || t - end >= config.coldStart);
        if (launched) {
          bootDelta[Math.max(0, t - config.coldStart)]++;
          bootDelta[t]--;
        }
        lastEnd[k] = t + 1;
      }
    }
    timeline = [];
    let booting = 0;
    for (let t = 0; t < T; t++) {
      booting += bootDelta[t];
      timeline.push({ minute: t, requests: requests[t], demand: demand[t], serving: demand[t], booting, standby: 0, activating: 0, cost: demand[t] + booting });
    }
  }
  return { strategy: 'oracle', config, metrics, timeline };
}
