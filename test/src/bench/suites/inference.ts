import {
  BehaviourLoadModel,
  LstmNetwork,
  LstmPredictor,
  lstmConfig,
  splitSessions,
  tfReady,
  trainLstm,
  type BehaviourEvent,
} from '@shadowfleet/models';
import { readMsnbcFile, sharedData } from '@shadowfleet/exporter';
import type { BenchSuite } from '../suite';
import { readLog } from './loadforecast';

const ACTIVE = 10_000;
const REPEATS = 5;
const MINUTE = 60_000;

const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Inference cost with 10,000 active sessions: LSTM next-action predictions per second (the default
 * architecture; weights from a short training run, which does not change the cost) and the latency of
 * one forecast cycle (LSTM next step for every active session + the behaviour-aware load forecast for
 * 5/15/60 minutes).
 */
export const inferenceSuite: BenchSuite = {
  name: 'inference',
  description: 'LSTM predictions per second and forecast-cycle latency with 10,000 active sessions',
  async run() {
    const msnbc = sharedData('msnbc/msnbc990928.seq.gz');
    const nasa = sharedData('nasa-http-log-19950801/nasa_19950801.tsv.gz');
    if (!msnbc || !nasa) throw new Error('inference needs ../shared/data/msnbc and nasa-http-log-19950801');
    const tf = await tfReady();
    const { train, test } = splitSessions(readMsnbcFile(msnbc, 100_000));
    const network = new LstmNetwork(tf, lstmConfig({ vocabSize: 17 }));
    await trainLstm(tf, network, train.slice(0, 20_000).map((actions) => ({ actions })), { epochs: 1 });
    const predictor = new LstmPredictor(tf, network);
    const active = test.filter((s) => s.length >= 2).slice(0, ACTIVE).map((actions) => ({ actions }));
    await predictor.forecast(active.slice(0, 100));
    const lstmSeconds: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const t0 = performance.now();
      await predictor.forecast(active);
      lstmSeconds.push((performance.now() - t0) / 1000);
    }

    // The load model learns the NASA log, then 10,000 sessions are active at once (real sessions of the
    // log, replayed under new user ids so that they all end just before "now").
    const events = await readLog('nasa-tsv', nasa, {});
    const model = new BehaviourLoadModel({ basis: 'bytes' });
    for (const e of events) model.observe(e);
    const now = events[events.length - 1].timestamp + MINUTE;
    const byUser = new Map<string, BehaviourEvent[]>();
    for (const e of events) byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e]);
    const users = [...byUser.values()];
    for (let i = 0; model.activeSessions < ACTIVE && i < ACTIVE * 4; i++) {
      const src = users[i % users.length].slice(0, 8);
      const shift = now - 5 * 1000 - src[src.length - 1].timestamp;
      for (const e of src) model.observe({ ...e, userId: `replay-${i}`, timestamp: e.timestamp + shift });
    }
    const activeSessions = model.activeSessions;
    const cycle: number[] = [];
    const loadOnly: number[] = [];
    const lstmInputs = active.slice(0, activeSessions);
    for (let r = 0; r < REPEATS; r++) {
      const t0 = performance.now();
      const next = await predictor.forecast(lstmInputs);
      const t1 = performance.now();
      const users = model.activeUsers();
      const cost = new Map(users.map((u, i) => [u.userId, next[i % next.length].complexity]));
      model.forecast(now + r, [5, 15, 60], (u) => {
        const c = cost.get(u);
        return c !== undefined && Number.isFinite(c) ? c : undefined;
      });
      const t2 = performance.now();
      cycle.push((t2 - t0) / 1000);
      loadOnly.push((t2 - t1) / 1000);
    }
    network.dispose();
    return {
      lstm: { config: network.config, active_sessions: active.length, seconds_median: median(lstmSeconds), predictions_per_second: Math.round(active.length / median(lstmSeconds)) },
      forecast_cycle: {
        active_sessions: activeSessions,
        horizons_minutes: [5, 15, 60],
        seconds_median: median(cycle),
        load_model_seconds_median: median(loadOnly),
        repeats: REPEATS,
      },
      note: 'the LSTM here is trained briefly on 20,000 MSNBC sessions: its cost, not its accuracy, is measured; the machine is shared with other jobs',
    };
  },
};
