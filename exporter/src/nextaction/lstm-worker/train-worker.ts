/**
 * Entry point of the LSTM training worker_thread (compiled to exporter/dist/nextaction/lstm-worker/train-worker.js).
 * Training blocks its thread for tens of milliseconds per batch, so the service runs it here and keeps
 * serving. One request per worker: it trains, posts the weights and exits.
 */
import { parentPort } from 'node:worker_threads';
import { loadLstm, lstmConfig, LstmNetwork, saveLstm, tfReady, trainLstm, unpackSessions } from '@shadowfleet/models';
import type { TrainReply, TrainRequest } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('train-worker.js must run as a worker_thread (see lstm-worker/worker-client.ts)');

const PROGRESS_EVERY_MS = 1000;

port.once('message', (request: TrainRequest) => {
  void run(request).then(
    (reply) => port.postMessage(reply, reply.type === 'done' ? [reply.artifacts.weights] : []),
    (err: unknown) => port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies TrainReply),
  );
});

async function run(request: TrainRequest): Promise<TrainReply> {
  const tf = await tfReady();
  // A given training seed also seeds the initial weights (ensemble members differ in both).
  const network = request.start ? loadLstm(tf, request.start) : new LstmNetwork(tf, lstmConfig(request.config), undefined, request.options.seed);
  let lastPost = 0;
  const stats = await trainLstm(tf, network, unpackSessions(request.sessions), request.options, (progress) => {
    const now = performance.now();
    if (now - lastPost < PROGRESS_EVERY_MS) return;
    lastPost = now;
    port!.postMessage({ type: 'progress', progress } satisfies TrainReply);
  });
  const artifacts = await saveLstm(tf, network, request.modelVersion, { train: stats });
  network.dispose();
  return { type: 'done', artifacts, stats };
}
