import { LstmNetwork, LstmPredictor, lstmConfig, splitSessions, tfReady, trainLstm } from '@shadowfleet/models';
import { readMsnbcFile } from '@shadowfleet/exporter';
import type { BenchSuite } from '../suite';
import { incrementalCycles, loadModelWith, median, timed } from './inference-cycle';
import { readLog } from './loadforecast';
import { MSNBC_LOG, NASA_LOG } from '../data/request-logs';
import { needSharedData } from '../data/shared-data';

/** Active sessions per forecast cycle measured with incremental state (BENCH_INFERENCE_SIZES overrides). */
const SIZES = (process.env.BENCH_INFERENCE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const FULL_WINDOW_SESSIONS = 10_000;
const REPEATS = 3;

/**
 * Forecast-cycle cost as active sessions grow. The full-window way (LstmPredictor.forecast: the whole
 * last window of every session, every cycle) is measured at 10,000 sessions; the incremental way
 * (IncrementalLstm: each session's state kept, advanced by its new actions) at 10k, 100k and 1M
 * sessions, each cycle = one new real action per session + the load forecast (5/15/60 minutes) over all
 * active sessions, with the state memory. Default architecture; weights from a short training run,
 * which does not change the cost.
 */
export const inferenceSuite: BenchSuite = {
  name: 'inference',
  description: 'Forecast-cycle time and memory for 10k, 100k and 1M active sessions with incremental LSTM state (and the full-window cycle at 10k)',
  async run() {
    const msnbc = needSharedData(MSNBC_LOG.file, 'inference');
    const nasa = needSharedData(NASA_LOG.file, 'inference');
    const tf = await tfReady();
    const { train, test } = splitSessions(readMsnbcFile(msnbc));
    const network = new LstmNetwork(tf, lstmConfig({ vocabSize: 17 }));
    await trainLstm(tf, network, train.slice(0, 20_000).map((actions) => ({ actions })), { epochs: 1 });
    const predictor = new LstmPredictor(tf, network);
    // Test sessions long enough to give REPEATS new actions after at least one action of history.
    const sessions = test.filter((s) => s.length > REPEATS);

    const fullInputs = sessions.slice(0, FULL_WINDOW_SESSIONS).map((actions) => ({ actions }));
    await predictor.forecast(fullInputs.slice(0, 100));
    const full: number[] = [];
    for (let r = 0; r < REPEATS; r++) full.push((await timed(() => predictor.forecast(fullInputs))).wall);

    const events = await readLog(NASA_LOG.format, nasa, NASA_LOG.options);
    let load: ReturnType<typeof loadModelWith> | undefined;
    const incremental: Array<Record<string, unknown>> = [];
    for (const active of SIZES) {
      load = loadModelWith(events, active, load?.model);
      const row = await incrementalCycles(tf, network, sessions, load, active, REPEATS);
      process.stderr.write(`bench inference: ${JSON.stringify(row)}\n`);
      incremental.push(row);
    }
    network.dispose();
    const first = incremental[0];
    return {
      config: network.config,
      full_window: {
        active_sessions: FULL_WINDOW_SESSIONS,
        lstm_seconds_median: median(full),
        predictions_per_second: Math.round(FULL_WINDOW_SESSIONS / median(full)),
        repeats: REPEATS,
      },
      incremental,
      growth: incremental.map((r) => ({
        active_sessions: r.active_sessions,
        cycle_seconds: r.cycle_seconds_median,
        times_the_smallest: (r.cycle_seconds_median as number) / (first.cycle_seconds_median as number),
        sessions_times_the_smallest: (r.active_sessions as number) / (first.active_sessions as number),
      })),
      msnbc_sessions_reused: sessions.length,
      note: 'the LSTM is trained briefly on 20,000 MSNBC sessions: its cost, not its accuracy, is measured; sessions are real MSNBC test sessions (reused cyclically past their number) paired with replayed NASA sessions in the load model; the machine is shared with other jobs, so CPU seconds are given beside wall seconds',
    };
  },
};
