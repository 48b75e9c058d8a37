// feedback: adaptive tuning of the allocation parameters (bandit over settings, guard rails) and A/B decision statistics.
export * from './arms';
export { GaussianThompson, type ArmStats, type ThompsonOptions } from './thompson';
export { SegmentLedger, minuteOutcome, segmentLoss } from './segment-ledger';
export { adaptiveStrategy, type AdaptiveOptions, type AdaptiveStrategy, type SegmentRecord } from './adaptive-strategy';
export { pairedTTest, decideAb, AB_VERDICTS, type TTestResult, type AbSegment, type AbDecisionOptions, type AbVerdict, type AbDecision } from './ab-decision';
export { replayTuner, type ReplayTuner, type ReplayTunerOptions } from './replay-tuner';
