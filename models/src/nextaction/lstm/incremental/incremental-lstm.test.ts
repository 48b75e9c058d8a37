import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type * as TF from '@tensorflow/tfjs';
import { InterpolatedMarkov } from '../../markov/interpolated-markov';
import { tfReady } from '../backend';
import { lstmConfig, type LstmConfig } from '../config';
import { LstmNetwork } from '../network';
import { LstmPredictor } from '../predict';
import type { LstmSession } from '../windows';
import { IncrementalLstm, type SessionEvents } from './incremental-lstm';

/** The first 3,000 sessions of the real MSNBC clickstream (page categories 1…17 → 0…16). */
function msnbcSample(): Uint8Array[] {
  const file = path.join(__dirname, '../../../../../data/samples/msnbc/msnbc990928-first3000.seq.gz');
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  return text
    .slice(text.indexOf('\n', text.indexOf('% Sequences:')) + 1)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => Uint8Array.from(l.split(/\s+/).map((v) => Number(v) - 1)));
}

/** Feeds every session in pieces of 1-3 actions, the sessions interleaved over many calls. */
function feedInPieces(inc: IncrementalLstm, sessions: readonly LstmSession[]): void {
  const done = sessions.map(() => 0);
  let call = 0;
  while (done.some((d, i) => d < sessions[i].actions.length)) {
    const updates: SessionEvents[] = [];
    sessions.forEach((s, i) => {
      if (done[i] >= s.actions.length || (i + call) % 3 === 0) return;
      const to = Math.min(s.actions.length, done[i] + 1 + ((i * 7 + call) % 3));
      const slice = <T extends ArrayLike<number>>(a: T | undefined): number[] | undefined => (a ? Array.from(a).slice(done[i], to) : undefined);
      updates.push({ id: `s${i}`, actions: slice(s.actions)!, dataTypes: slice(s.dataTypes), timestamps: slice(s.timestamps), profile: s.profile, userBucket: s.userBucket });
      done[i] = to;
    });
    call++;
    expect(inc.advance(updates)).toEqual([]);
  }
}

/**
 * The full-window reference: the distribution after each session's last action, from the whole session
 * as the model is evaluated (cut into windows with burn-in), by appending a dummy action to predict.
 */
async function reference(predictor: LstmPredictor, sessions: readonly LstmSession[]): Promise<Float32Array[]> {
  const V = predictor.vocabSize;
  const pad = <T extends ArrayLike<number>>(a: T | undefined): number[] | undefined => (a ? [...Array.from(a), a[a.length - 1]] : undefined);
  const padded = sessions.map((s) => ({ ...s, actions: Uint8Array.from([...s.actions, 0]), dataTypes: pad(s.dataTypes), timestamps: pad(s.timestamps) }));
  return (await predictor.sessionDistributions(padded)).map((rows) => rows.subarray(rows.length - V));
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

async function network(tf: typeof TF, config: LstmConfig, sessions: readonly Uint8Array[]): Promise<LstmNetwork> {
  const net = new LstmNetwork(tf, config, undefined, 7);
  if (config.markovPrior > 0) net.prior = new InterpolatedMarkov(config.vocabSize, config.markovPrior).observe(sessions);
  return net;
}

describe('IncrementalLstm on real MSNBC sessions', () => {
  const sample = msnbcSample();

  it('equals the full-window computation for the default architecture, short and long sessions alike', async () => {
    const tf = await tfReady();
    const sessions: LstmSession[] = [...sample.slice(0, 300), ...sample.filter((s) => s.length > 64).slice(0, 20)].map((actions) => ({ actions }));
    expect(sessions.some((s) => s.actions.length > 2 * 64)).toBe(true); // crosses several window starts
    const net = await network(tf, lstmConfig({ vocabSize: 17 }), sample);
    const predictor = new LstmPredictor(tf, net);
    const inc = new IncrementalLstm(tf, net, { maxSessions: 1000, maxLanes: 64 });
    feedInPieces(inc, sessions);
    const expected = await reference(predictor, sessions);
    const short = sessions.filter((s) => s.actions.length <= 64);
    const windowed = await predictor.forecast(short);
    let worst = 0;
    sessions.forEach((s, i) => {
      const got = inc.forecast(`s${i}`)!;
      worst = Math.max(worst, maxDiff(got.probabilities, expected[i]));
      if (s.actions.length <= 64) {
        const w = windowed[short.indexOf(s)];
        worst = Math.max(worst, maxDiff(got.probabilities, w.probabilities));
        expect(got.complexity).toBeCloseTo(w.complexity, 4);
      }
    });
    expect(worst).toBeLessThan(1e-5);
    inc.dispose();
    net.dispose();
  }, 60_000);

  it('equals it with every input (data types, profile, user, time, recency, prior input, 2 layers, short windows)', async () => {
    const tf = await tfReady();
    const config = lstmConfig({ vocabSize: 17, hidden: 24, layers: 2, window: 12, burnIn: 3, dataTypes: 4, profiles: 3, userBuckets: 5, timeFeatures: true, recencyFeatures: true, priorInput: true });
    const sessions: LstmSession[] = sample.slice(0, 200).map((actions, i) => ({
      actions,
      dataTypes: Array.from(actions, (a) => a % 4),
      timestamps: Array.from(actions, (_, j) => 936_000_000_000 + i * 3_600_000 + j * 47_000),
      profile: i % 4 === 3 ? undefined : i % 3,
      userBucket: i % 5,
    }));
    const net = await network(tf, config, sample);
    const inc = new IncrementalLstm(tf, net, { maxSessions: 200, maxLanes: 16 });
    feedInPieces(inc, sessions);
    const expected = await reference(new LstmPredictor(tf, net), sessions);
    sessions.forEach((_, i) => expect(maxDiff(inc.forecast(`s${i}`)!.probabilities, expected[i])).toBeLessThan(1e-5));
    inc.dispose();
    net.dispose();
  }, 60_000);

  it('bounds memory: refuses sessions beyond maxSessions, and an evicted session frees its slot and starts afresh', async () => {
    const tf = await tfReady();
    const net = await network(tf, lstmConfig({ vocabSize: 17, hidden: 8 }), sample);
    const inc = new IncrementalLstm(tf, net, { maxSessions: 2 });
    expect(inc.advance([{ id: 'a', actions: [1, 2] }, { id: 'b', actions: [3] }, { id: 'c', actions: [4] }])).toEqual(['c']);
    expect(inc.size).toBe(2);
    const bytes = inc.slab.bytes;
    expect(bytes).toBeGreaterThanOrEqual(2 * inc.slab.bytesPerSession);
    const fresh = Array.from(inc.forecast('b')!.probabilities);
    expect(inc.evict('b')).toBe(true);
    expect(inc.forecast('b')).toBeUndefined();
    expect(inc.advance([{ id: 'c', actions: [3] }])).toEqual([]);
    expect(Array.from(inc.forecast('c')!.probabilities)).toEqual(fresh); // same action from zero state
    expect(inc.slab.bytes).toBe(bytes); // the freed slot was reused
    expect(() => inc.advance([{ id: 'a', actions: [17] }])).toThrow('lstm input action must be an integer in 0…16, got 17');
    inc.dispose();
    net.dispose();
  });
});
