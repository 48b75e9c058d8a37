import { existsSync } from 'node:fs';
import { loadLstm, LstmPredictor, tfReady } from '@shadowfleet/models';
import { trainInWorker, trainWorkerPath } from './worker-client';

// The worker runs the compiled script in exporter/dist (`npm test` runs `tsc -b` before jest).
describe('trainInWorker', () => {
  it('finds the compiled worker script under dist/', () => {
    expect(trainWorkerPath()).toMatch(/exporter[/\\]dist[/\\]nextaction[/\\]lstm-worker[/\\]train-worker\.js$/);
    expect(existsSync(trainWorkerPath())).toBe(true);
  });

  it('trains in a worker_thread while this thread keeps running, and returns loadable weights', async () => {
    const sessions = Array.from({ length: 40 }, (_, i) => ({ actions: Uint8Array.from([i % 3, (i + 1) % 3, (i + 2) % 3]) }));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const progress: number[] = [];
    const result = await trainInWorker({ vocabSize: 3, hidden: 8 }, sessions, { epochs: 30, batchTokens: 16 }, { modelVersion: 4, onProgress: (p) => progress.push(p.batch) });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5); // the event loop was free during training
    expect(result.stats.epochs_completed).toBe(30);
    expect(result.artifacts.manifest.modelVersion).toBe(4);
    const tf = await tfReady();
    const network = loadLstm(tf, result.artifacts);
    const [f] = await new LstmPredictor(tf, network).forecast([{ actions: Uint8Array.from([0, 1]) }]);
    expect(f.probabilities.indexOf(Math.max(...f.probabilities))).toBe(2); // 0 1 → 2
    network.dispose();
  }, 60_000);

  it('rejects with the worker error text', async () => {
    await expect(trainInWorker({ vocabSize: 3, hidden: 0 }, [{ actions: Uint8Array.from([0, 1]) }], {})).rejects.toThrow(
      'LSTM training failed: lstm hidden must be an integer in 1…4096, got 0',
    );
  }, 30_000);
});
