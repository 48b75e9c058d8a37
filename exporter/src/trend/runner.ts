import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ObservedMix, RegularSeries } from '@shadowfleet/models';
import { analyseWithSettings, type TrendAnalysis } from './analyse';
import type { TrendSettings } from './settings';
import type { WorkerRequest } from './worker';

/** Runs one trend analysis; the exporter's refresher calls it on a schedule. */
export type AnalysisRunner = (history: RegularSeries, settings: TrendSettings, complexity?: RegularSeries, mix?: readonly ObservedMix[]) => Promise<TrendAnalysis>;

/** The analysis on the calling thread (async, but the fit itself blocks for its duration). */
export const inProcessRunner: AnalysisRunner = analyseWithSettings;

/** Longest a worker may take before it is terminated and the refresh counts as failed. */
export const WORKER_TIMEOUT_MS = 5 * 60 * 1000;

/** One worker thread per analysis, running the compiled worker.js beside this file; terminated afterwards. */
export function workerRunner(workerFile = path.join(__dirname, 'worker.js')): AnalysisRunner {
  return (history, settings, complexity, mix) =>
    new Promise<TrendAnalysis>((resolve, reject) => {
      const worker = new Worker(workerFile);
      const timer = setTimeout(() => finish(new Error(`trend analysis took longer than ${WORKER_TIMEOUT_MS / 1000} s; worker stopped`)), WORKER_TIMEOUT_MS);
      let done = false;
      function finish(err: Error | undefined, analysis?: TrendAnalysis): void {
        if (done) return;
        done = true;
        clearTimeout(timer);
        void worker.terminate();
        if (err) reject(err);
        else resolve(analysis as TrendAnalysis);
      }
      worker.once('message', (msg: { ok: true; analysis: TrendAnalysis } | { ok: false; error: string }) =>
        msg.ok ? finish(undefined, msg.analysis) : finish(new Error(msg.error)),
      );
      worker.once('error', (err) => finish(err));
      worker.once('exit', (code) => finish(new Error(`trend worker exited with code ${code} before answering`)));
      const request: WorkerRequest = { history, settings, complexity, mix };
      worker.postMessage(request);
    });
}

/**
 * A worker thread running worker.js beside this file (the service runs compiled JS), or the built
 * exporter/dist/trend/worker.js when running from the TypeScript sources (jest after `tsc -b`); on the
 * calling thread only when neither exists.
 */
export function defaultRunner(): AnalysisRunner {
  const candidates = [path.join(__dirname, 'worker.js'), path.resolve(__dirname, '..', '..', 'dist', 'trend', 'worker.js')];
  const workerFile = candidates.find((f) => existsSync(f));
  return workerFile ? workerRunner(workerFile) : inProcessRunner;
}
