import path from 'node:path';
import { InterpolatedMarkov, LstmNetwork, LstmPredictor, lstmConfig, tfReady, type BehaviourEvent } from '@shadowfleet/models';
import { formatByName } from '../importers';
import { sampleDataDir } from '../paths';
import { LiveSessions } from './live-sessions';
import { DataTypeVocabulary, KEEP_ACTIONS, LSTM_VOCAB, SERVICE_LSTM_INPUTS } from './session-inputs';
import { SessionStates } from './session-states';

const NASA = path.join(sampleDataDir, 'nasa-http-log-19950801', 'nasa_19950801_0200-0559.tsv.gz');
const GAP = 30 * 60_000;
const CYCLE = 10 * 60_000;

async function nasaEvents(): Promise<BehaviourEvent[]> {
  const out: BehaviourEvent[] = [];
  for await (const item of formatByName('nasa-tsv').read(NASA, {})) if ('event' in item) out.push({ ...item.event, sessionId: '' });
  return out.sort((a, b) => a.timestamp - b.timestamp);
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

/**
 * The service's path on the bundled NASA slice: events read in 10-minute refreshes into LiveSessions
 * and SessionStates, each refresh's forecasts compared with the full-window LstmPredictor.forecast of
 * the same sessions (the service's network: actions, data types, profile, time of day; random weights).
 */
describe('SessionStates on real NASA sessions', () => {
  let events: BehaviourEvent[];
  let predictor: LstmPredictor;
  const profileOf = (u: string): number | undefined => (u.length % 3 === 0 ? undefined : u.length % 32);

  beforeAll(async () => {
    const tf = await tfReady();
    events = await nasaEvents();
    const network = new LstmNetwork(tf, lstmConfig(SERVICE_LSTM_INPUTS), undefined, 3);
    network.prior = new InterpolatedMarkov(LSTM_VOCAB, 3).observe([Uint8Array.from(events.slice(0, 5000).map((_, i) => (i * 7) % LSTM_VOCAB))]);
    predictor = new LstmPredictor(tf, network);
  });
  afterAll(() => predictor.network.dispose());

  async function replay(states: SessionStates, check: (worst: number, compared: number, active: number) => void): Promise<void> {
    const tf = await tfReady();
    const live = new LiveSessions(GAP);
    const actions = new Map<string, number>();
    const dataTypes = new DataTypeVocabulary();
    let next = 0;
    for (let now = events[0].timestamp + CYCLE; next < events.length; now += CYCLE) {
      for (; next < events.length && events[next].timestamp <= now; next++) {
        const e = events[next];
        if (!actions.has(e.action)) actions.set(e.action, Math.min(actions.size, LSTM_VOCAB - 1));
        const a = actions.get(e.action)!;
        const dt = dataTypes.indexOf(e.dataType);
        const starts = live.observe(e, a, 0, dt);
        states.observe(e.userId, a, dt, e.timestamp, starts);
      }
      for (const u of live.expire(now)) states.ended(u);
      const active = live.active();
      const forecastOf = await states.update(tf, predictor, active, profileOf);
      // Sessions whose every action is still kept (the full-window path sees only the last KEEP_ACTIONS).
      const whole = active.filter((s) => s.actions.length < KEEP_ACTIONS);
      const full = await predictor.forecast(whole.map((s) => s.toLstm(profileOf(s.userId))));
      let worst = 0;
      whole.forEach((s, i) => (worst = Math.max(worst, maxDiff(forecastOf(s.userId)!.probabilities, full[i].probabilities))));
      check(worst, whole.length, active.length);
    }
  }

  it('forecasts each live session as the full-window computation does, refresh after refresh, keeping only live sessions', async () => {
    const states = new SessionStates();
    let compared = 0;
    await replay(states, (worst, n, active) => {
      expect(worst).toBeLessThan(1e-5);
      expect(states.tracked).toBe(active); // ended sessions were evicted
      compared += n;
    });
    expect(compared).toBeGreaterThan(1000);
    expect(states.bytes).toBeGreaterThanOrEqual(states.tracked * states.bytesPerSession);
    expect(states.refused).toBe(0);
    states.dispose();
  }, 120_000);

  it('beyond maxTrackedSessions serves sessions from their whole window, with the same forecasts', async () => {
    const states = new SessionStates(40);
    await replay(states, (worst, _, active) => {
      expect(worst).toBeLessThan(1e-5);
      expect(states.tracked).toBeLessThanOrEqual(Math.min(40, active));
    });
    expect(states.refused).toBeGreaterThan(0);
    states.dispose();
  }, 120_000);

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new SessionStates(0)).toThrow('maxTrackedSessions must be an integer ≥ 1, got 0');
  });
});
