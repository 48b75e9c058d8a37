import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { LstmNetwork, lstmConfig, splitSessions, tfReady, trainLstm } from '@shadowfleet/models';
import { readMsnbcFile, repoRoot } from '@shadowfleet/exporter';
import { MSNBC_LOG } from '../data/request-logs';
import { needSharedData } from '../data/shared-data';
import type { BenchSuite } from '../suite';

const SECONDS = 60;
const HIDDEN = 64;
const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(repoRoot, 'test', 'src', 'bench', 'pytorch', 'lstm_throughput.py');

/**
 * Training throughput (targets per second) of the same plain LSTM (one-hot input → LSTM(64) → 17
 * logits, loss at every step, 2,048-step length-bucketed batches, Adam) in tfjs-wasm and in PyTorch
 * (Debian's python3-torch, when installed), each for SECONDS seconds on the MSNBC training split, one
 * after the other. Also the project's default LSTM (history inputs + Markov prior) in tfjs.
 */
export const lstmFrameworksSuite: BenchSuite = {
  name: 'lstmframeworks',
  description: `LSTM training throughput, tfjs-wasm vs PyTorch, same architecture (${HIDDEN} hidden), ${SECONDS} s each`,
  async run() {
    const file = needSharedData(MSNBC_LOG.file, 'lstmframeworks');
    const tf = await tfReady();
    const train = splitSessions(readMsnbcFile(file)).train.map((actions) => ({ actions }));
    const tfjs = async (config: Parameters<typeof lstmConfig>[0]): Promise<Record<string, unknown>> => {
      const network = new LstmNetwork(tf, lstmConfig(config));
      const stats = await trainLstm(tf, network, train, { epochs: 1, timeBudgetSeconds: SECONDS });
      network.dispose();
      return { framework: 'tfjs-wasm', config: network.config, seconds: stats.seconds, targets: stats.targets_trained, targets_per_second: Math.round(stats.targets_per_second) };
    };
    const results: Array<Record<string, unknown>> = [];
    results.push({ model: 'plain', ...(await tfjs({ vocabSize: 17, hidden: HIDDEN, historyFeatures: false, markovPrior: 0 })) });
    for (const threads of [1, 2]) {
      try {
        const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, file, String(SECONDS), String(HIDDEN), String(threads)], { timeout: (SECONDS + 300) * 1000 });
        results.push({ model: 'plain', ...JSON.parse(stdout.trim().split('\n').pop()!) });
      } catch (err) {
        results.push({ model: 'plain', framework: 'pytorch', threads, error: `not run: ${(err as Error).message.split('\n')[0]}` });
      }
    }
    results.push({ model: 'project default (history inputs + Markov-3 prior)', ...(await tfjs({ vocabSize: 17, hidden: HIDDEN })) });
    const rate = (r: Record<string, unknown>): number => (typeof r.targets_per_second === 'number' ? r.targets_per_second : NaN);
    const bestTorch = Math.max(...results.filter((r) => r.framework === 'pytorch').map(rate).filter(Number.isFinite));
    return {
      results,
      tfjs_over_best_pytorch: rate(results[0]) / bestTorch,
      note: "Debian's python3-torch 1.13 is built with BLAS_INFO=generic (no MKL/OpenBLAS), unlike the pip wheels behind the ~100,000 targets/s reference; the machine is shared with other jobs",
    };
  },
};
