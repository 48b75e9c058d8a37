export { MarkovBackoff } from './markov-backoff';
export { InterpolatedMarkov } from './interpolated-markov';
