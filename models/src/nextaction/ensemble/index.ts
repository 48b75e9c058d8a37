export { MixturePredictor, tuneMixture, topKRows, validationSplit, MIXTURE_GRID, type DistributionModel, type MixtureTuning } from './mixture';
