import { MarkovBackoff } from '../markov/markov-backoff';

/** Baseline: always predicts the actions most frequent as targets in training (a Markov chain of order 0). */
export function mostFrequentBaseline(vocabSize: number): MarkovBackoff {
  return new MarkovBackoff(vocabSize, 0, 'most-frequent');
}
