export { readMsnbcFile, parseMsnbcSequences, MSNBC_CATEGORIES } from './msnbc';
export { evaluateNextAction, baselineTrainers, type NextActionReport, type ModelTrainer, type ModelResult } from './evaluate-next-action';
export { lstmTrainer, MIX_VALIDATION_EVERY, type LstmTrainerSettings } from './lstm-trainer';
export { measureLstmThroughput, REFERENCE_ARCHITECTURE, type ThroughputResult } from './lstm-throughput';
export { ModelStore } from './model-store';
