export { readMsnbcFile, parseMsnbcSequences, MSNBC_CATEGORIES } from './msnbc';
export { evaluateNextAction, baselineTrainers, type NextActionReport, type ModelTrainer, type ModelResult } from './evaluate-next-action';
export { lstmTrainer, type LstmTrainerSettings } from './lstm-trainer';
export { ModelStore } from './model-store';
