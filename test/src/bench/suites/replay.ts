import { progress, replay, sharedData } from '@shadowfleet/exporter';
import type { BenchSuite } from '../suite';

/**
 * `npm run bench -- replay`: `shadowfleet replay` on 6 hours of NASA (the morning of 13 July 1995, the
 * STS-70 launch day) and of World Cup 98 (30 June 1998, 12:00–18:00 UTC, a flash crowd from 14:00) at
 * speed 60, each after 24 hours of warm-up, one after the other; the production and simulated metrics,
 * their agreement and the load average of the machine with each run. A run that falls behind is
 * recorded as such, without numbers.
 */
const SLICES = [
  { name: 'nasa', file: 'nasa-http-rate/nasa_1995_requests_per_minute.csv.gz', from: '1995-07-13T12:00:00Z' },
  { name: 'worldcup98', file: 'worldcup98-rate/worldcup98_requests_per_minute.csv.gz', from: '1998-06-30T12:00:00Z' },
] as const;
/** Speed 60 first; on a machine too loaded to keep up, 30 and 20 (the run says which it fell behind at). */
const SPEEDS = ['60', '30', '20'] as const;
const HOURS = '6';
const MAX_RPS = '30';

export const replaySuite: BenchSuite = {
  name: 'replay',
  description: 'shadowfleet replay: 6 h of NASA and World Cup 98 through the real chain at 60×, against the simulation of the same slices',
  async run() {
    const runs: Record<string, unknown> = {};
    for (const s of SLICES) {
      const file = sharedData(s.file);
      if (!file) {
        runs[s.name] = { skipped: `../shared/data/${s.file} is absent` };
        continue;
      }
      const attempts: Array<Record<string, unknown>> = [];
      for (const speed of SPEEDS) {
        const flags = { trace: file, from: s.from, hours: HOURS, speed, warmHours: '24', peakHosts: '20', maxRps: MAX_RPS, portBase: String(replay.DEFAULT_PORT_BASE) };
        const command = `npx shadowfleet replay --trace ../shared/data/${s.file} --from ${s.from} --hours ${HOURS} --speed ${speed} --max-rps ${MAX_RPS} --json`;
        try {
          const report = await replay.runReplay({ ...replay.parseReplayFlags(flags), progress: progress.stderrProgress('bench replay', { only: ['bench replay'] }) });
          attempts.push({ command, ...report });
          break;
        } catch (err) {
          if (!(err instanceof replay.ReplayFellBehind)) throw err;
          attempts.push({ command, fell_behind: err.message });
          process.stderr.write(`bench replay: ${s.name} at ${speed}×: ${err.message}\n`);
        }
      }
      runs[s.name] = { result: attempts[attempts.length - 1], attempts };
      process.stderr.write(`bench replay: ${s.name} ${JSON.stringify(attempts[attempts.length - 1].agreement ?? attempts[attempts.length - 1])}\n`);
    }
    return runs;
  },
};
