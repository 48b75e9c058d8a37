import { scoreTopK } from '../evaluation/protocol';
import { tfReady } from './backend';
import { lstmConfig } from './config';
import { LstmNetwork } from './network';
import { LstmPredictor } from './predict';
import { loadLstm, saveLstm } from './serialize';
import { trainLstm } from './train';

// Sessions "a 0 0 0 a": the last action repeats the first, four steps back.
function sessions(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => {
    const a = 1 + (i % 3);
    return Uint8Array.from([a, 0, 0, 0, a]);
  });
}

describe('LstmNetwork', () => {
  it('learns a dependency four steps back that a Markov chain of order 3 cannot see', async () => {
    const tf = await tfReady();
    const net = new LstmNetwork(tf, lstmConfig({ vocabSize: 4, hidden: 8, historyFeatures: false, markovPrior: 0 }), undefined, 3);
    const train = sessions(60).map((actions) => ({ actions }));
    const stats = await trainLstm(tf, net, train, { epochs: 50, batchTokens: 64, learningRate: 0.03, finalLearningRate: 0.003 });
    expect(stats.epochs_completed).toBe(50);
    expect(stats.targets_trained).toBe(50 * 60 * 4);
    const predictor = new LstmPredictor(tf, net);
    const [ranks] = await predictor.rankAllPositions([Uint8Array.from([2, 0, 0, 0, 2])], 1);
    expect(ranks[3]).toBe(2); // position 4: the first action again
    const score = await scoreTopK(predictor, sessions(30));
    expect(score.top1).toBeGreaterThan(0.95);
    net.dispose();
  }, 60_000);

  it('saves and reloads to identical predictions, and refuses other formats', async () => {
    const tf = await tfReady();
    const config = lstmConfig({ vocabSize: 5, hidden: 8, layers: 2, profiles: 3, userBuckets: 4, timeFeatures: true, dataTypes: 2, priorInput: true, recencyFeatures: true });
    const net = new LstmNetwork(tf, config, undefined, 11);
    const session = {
      actions: Uint8Array.from([1, 2, 3]),
      dataTypes: [0, 1, 1],
      timestamps: [0, 60_000, 120_000],
      profile: 2,
      userBucket: 3,
      complexity: [1, 2, 3],
    };
    await trainLstm(tf, net, [session, session], { epochs: 2, batchTokens: 64 });
    const artifacts = await saveLstm(tf, net, 7, { note: 'test' }, () => new Date(0));
    expect(artifacts.manifest).toMatchObject({ format: 'shadowfleet-lstm', formatVersion: 1, modelVersion: 7, createdAt: '1970-01-01T00:00:00.000Z' });
    const copy = loadLstm(tf, { manifest: JSON.parse(JSON.stringify(artifacts.manifest)), weights: artifacts.weights.slice(0) });
    const [a] = await new LstmPredictor(tf, net).forecast([session]);
    const [b] = await new LstmPredictor(tf, copy).forecast([session]);
    expect(Array.from(b.probabilities)).toEqual(Array.from(a.probabilities));
    expect(b.complexity).toBe(a.complexity);
    expect(a.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    expect(() => loadLstm(tf, { ...artifacts, manifest: { ...artifacts.manifest, formatVersion: 99 } })).toThrow(
      'shadowfleet-lstm format version 99 is not supported (this build reads 1); retrain the model',
    );
    net.dispose();
    copy.dispose();
  }, 30_000);

  it('loads models saved before priorInput existed (no prior input), and names a priorInput without prior', async () => {
    const tf = await tfReady();
    const net = new LstmNetwork(tf, lstmConfig({ vocabSize: 3, hidden: 4 }), undefined, 5);
    const session = { actions: Uint8Array.from([0, 1, 2, 1]) };
    await trainLstm(tf, net, [session], { epochs: 1 });
    const artifacts = await saveLstm(tf, net, 1);
    const { priorInput, ...oldConfig } = artifacts.manifest.config;
    expect(priorInput).toBe(false);
    const old = loadLstm(tf, { manifest: { ...artifacts.manifest, config: oldConfig as typeof artifacts.manifest.config }, weights: artifacts.weights });
    expect(old.config.priorInput).toBe(false);
    const [a] = await new LstmPredictor(tf, net).forecast([session]);
    const [b] = await new LstmPredictor(tf, old).forecast([session]);
    expect(Array.from(b.probabilities)).toEqual(Array.from(a.probabilities));
    expect(() => lstmConfig({ vocabSize: 3, markovPrior: 0, priorInput: true })).toThrow('lstm priorInput needs a Markov prior (markovPrior > 0), got markovPrior 0');
    net.dispose();
    old.dispose();
  });
});
