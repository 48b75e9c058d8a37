// nextaction: next-action models (Markov back-off, LSTM) and the evaluation protocol of BENCHMARKS.md §2.
export type { ActionSequence, NextActionPredictor } from './types';
export * from './markov/index';
export * from './evaluation/index';
export * from './lstm/index';
export * from './ensemble/index';
