export { MarkovBackoff } from './markov-backoff';
