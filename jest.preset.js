/**
 * Shared jest settings for every workspace. Tests run from TypeScript source through ts-jest
 * (transpile only: `tsc -b` is the type check); workspace packages resolve to their source.
 */
const path = require('node:path');

// ESM-only dependencies (ml-kmeans and the mljs packages it imports). Node itself loads them through
// require(esm) (Node >= 20.19); jest's module system cannot, so ts-jest compiles them to CommonJS here.
const esmOnlyPackages = ['ml-kmeans', 'ml-distance-euclidean', 'ml-nearest-vector', 'ml-spectra-processing', 'is-any-array'];

module.exports = function preset(dir, overrides = {}) {
  return {
    displayName: path.basename(dir),
    rootDir: dir,
    testEnvironment: 'node',
    roots: ['<rootDir>/src'],
    testMatch: ['**/*.test.ts'],
    transform: {
      '^.+\\.tsx?$': ["ts-jest", { tsconfig: path.join(dir, "tsconfig.json") }],
      '^.+/node_modules/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', target: 'es2022' } }],
    },
    transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
    moduleNameMapper: {
      '^@shadowfleet/models$': path.join(__dirname, 'models/src/index.ts'),
      '^@shadowfleet/models/pools$': path.join(__dirname, 'models/src/pools/index.ts'),
      '^@shadowfleet/haproxy-runtime$': path.join(__dirname, 'haproxy-runtime/src/index.ts'),
      '^@shadowfleet/haproxy-runtime/testing$': path.join(__dirname, 'haproxy-runtime/src/testing/index.ts'),
      '^@shadowfleet/service-kit$': path.join(__dirname, 'service-kit/src/index.ts'),
      '^@shadowfleet/service-kit/testing$': path.join(__dirname, 'service-kit/src/testing/index.ts'),
      '^@shadowfleet/exporter$': path.join(__dirname, 'exporter/src/index.ts'),
      '^@shadowfleet/alertmanager-webhook$': path.join(__dirname, 'alertmanager-webhook/src/index.ts'),
    },
    ...overrides,
  };
};
