import os from 'node:os';
import { DEFAULT_POLICY } from '@shadowfleet/models';
import type { BenchSuite } from '../suite';
import { kScan } from '../behaviour/k-scan';
import { replayLog } from '../behaviour/replay';
import { benchActuationDelay } from '../sim/config';
import { EPA_LOG, MSNBC_LOG, NASA_LOG } from '../data/request-logs';
import { needSharedData } from '../data/shared-data';

const LOGS = [
  { name: 'nasa-http-log-19950801', ...NASA_LOG },
  { name: 'epa-http-log-19950830', ...EPA_LOG },
];
const MSNBC_USERS = 100_000;
/** The k range scanned for the report, wider than the default search (kMax 20). */
const K_SCAN_MAX = 30;

export const behaviourSuite: BenchSuite = {
  name: 'behaviour',
  description:
    'behaviour in the decision: NASA and EPA per-request logs replayed as per-minute demand, tiered with the causal behaviour-aware forecast vs volume-only, predictive and hpa; profile k chosen by the gap statistic on 100,000 MSNBC users',
  async run() {
    const results: Record<string, unknown> = {
      load_average_at_start: os.loadavg(),
      setup:
        `hosts as users, sessions cut after 30 min, complexity = response KiB (bytes) or 1 per request (count); demand of minute t = summed complexity; BENCHMARKS.md §1 defaults (C = max/100, Lc 5, Ls 1, ks 0.1) with the shipped actuation delay (actuation_delay); behaviour forecast fed only events before minute t, used after 60 min of warm-up; tiered = the default policy (forecast behaviour or volume); external.binding = decisions where the outside forecast was above tier 2’s own ${DEFAULT_POLICY.targets.servingQuantile} quantile forecast at the cold-start horizon`,
    };
    results.actuation_delay = benchActuationDelay();
    const replay: Record<string, unknown> = {};
    for (const log of LOGS) replay[log.name] = await replayLog(needSharedData(log.file, 'behaviour'), log.format, log.options, ['bytes', 'count']);
    results.replay = replay;
    results.profiles_k = await kScan(needSharedData(MSNBC_LOG.file, 'behaviour'), { format: MSNBC_LOG.format, limitUsers: MSNBC_USERS, kMax: K_SCAN_MAX, useHours: false });
    results.load_average_at_end = os.loadavg();
    return results;
  },
};
