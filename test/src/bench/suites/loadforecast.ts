import { evaluateLoadForecasts, type BehaviourEvent } from '@shadowfleet/models';
import { formatByName } from '@shadowfleet/exporter';
import type { BenchSuite } from '../suite';
import { EPA_LOG, NASA_LOG } from '../data/request-logs';
import { needSharedData } from '../data/shared-data';

const LOGS = [
  { name: 'nasa-http-log-19950801', ...NASA_LOG },
  { name: 'epa-http-log-19950830', ...EPA_LOG },
];
const HORIZONS = [5, 15, 60];

/** Reads a real log through the project's importer (hosts as users; actions from URL paths). */
export async function readLog(format: string, file: string, options: object): Promise<BehaviourEvent[]> {
  const events: BehaviourEvent[] = [];
  for await (const item of formatByName(format).read(file, options)) {
    if ('event' in item) events.push({ ...item.event, sessionId: item.event.sessionId ?? '' });
  }
  return events;
}

export const loadForecastSuite: BenchSuite = {
  name: 'loadforecast',
  description: 'Complexity load of the next 5/15/60 minutes on the NASA and EPA logs: volume-only vs behaviour-aware (BENCHMARKS.md §3), MASE and MAPE',
  async run() {
    const logs = [];
    for (const log of LOGS) {
      const file = needSharedData(log.file, 'loadforecast');
      const events = await readLog(log.format, file, log.options);
      const started = performance.now();
      const evaluation = evaluateLoadForecasts(events, HORIZONS, { basis: 'bytes', warmupMinutes: 60 });
      const table = evaluation.horizons.map((h) => ({
        horizon: `${h.horizon_minutes}m`,
        volume_naive_mase: round(h.volume_naive.mase),
        volume_ewma_mase: round(h.volume_ewma.mase),
        behaviour_mase: round(h.behaviour.mase),
        volume_naive_mape: round(h.volume_naive.mape),
        volume_ewma_mape: round(h.volume_ewma.mape),
        behaviour_mape: round(h.behaviour.mape),
        behaviour_best_mase: h.behaviour.mase < Math.min(h.volume_naive.mase, h.volume_ewma.mase),
        behaviour_best_mape: h.behaviour.mape < Math.min(h.volume_naive.mape, h.volume_ewma.mape),
      }));
      logs.push({ log: log.name, seconds: (performance.now() - started) / 1000, ...evaluation, table });
    }
    return {
      setup:
        'hosts as users, sessions cut after 30 min of inactivity, complexity = response KiB; forecast origins every minute after 60 min of warm-up, using only earlier events; MASE = MAE / MAE of the naive forecast (previous h minutes) at the same origins',
      logs,
    };
  },
};

const round = (x: number): number => Math.round(x * 1000) / 1000;
