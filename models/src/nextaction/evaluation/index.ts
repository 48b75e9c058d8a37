export { NEXT_ACTION_PROTOCOL, splitSessions, countTargets, scoreTopK, type SessionSplit, type TopKScore } from './protocol';
export { mostFrequentBaseline } from './most-frequent';
