// complexity: what actions cost (robust streaming medians per action and data type) and sequence scores.
export { COMPLEXITY_BASES, isError, observedCost, type ComplexityBasis } from './cost';
export { ComplexityScorer, OTHER_ACTION, SCORER_DEFAULTS, type ActionScore, type ScoreSource, type ScorerOptions } from './scorer';
export * from './load/index';
