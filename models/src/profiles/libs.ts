import type { kmeans as KMeansFn } from 'ml-kmeans' with { 'resolution-mode': 'import' };
import type { munkres as MunkresFn } from 'munkres' with { 'resolution-mode': 'import' };

/*
 * The clustering libraries, loaded in one place. ml-kmeans 7 ships only as an ES module, which Node
 * >= 20.19 loads from our CommonJS output through require(esm); munkres ships a CommonJS build beside
 * its ES module. Their types come from the packages themselves.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export const mlKMeans: typeof KMeansFn = (require('ml-kmeans') as { kmeans: typeof KMeansFn }).kmeans;
export const munkres: typeof MunkresFn = (require('munkres') as { munkres: typeof MunkresFn }).munkres;
/* eslint-enable @typescript-eslint/no-require-imports */
/** ml-matrix (already under ml-kmeans; CommonJS build): SVD for the gap statistic's principal-axes reference box. */
export { Matrix as MlMatrix, SingularValueDecomposition as MlSvd } from 'ml-matrix';
