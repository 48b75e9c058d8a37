export { BehaviourLoadModel, LOAD_MODEL_DEFAULTS, type ComplexityLoadForecast, type LoadModelOptions } from './behaviour-load';
export { ActionChain } from './action-chain';
export { SessionStats } from './session-stats';
export { VolumeForecaster } from './volume';
export { evaluateLoadForecasts, type LoadEvaluation, type HorizonResult, type LoadAccuracy } from './evaluate-load';
export { minuteDemand, type MinuteDemand } from './minute-demand';
export { BehaviourForecastStream, type ForecastStreamOptions } from './forecast-stream';
