/**
 * Shared jest settings for every workspace. Tests run from TypeScript source through ts-jest
 * (transpile only: `tsc -b` is the type check); workspace packages resolve to their source.
 */
const path = require('node:path');

module.exports = function preset(dir, overrides = {}) {
  return {
    displayName: path.basename(dir),
    rootDir: dir,
    testEnvironment: 'node',
    roots: ['<rootDir>/src'],
    testMatch: ['**/*.test.ts'],
    transform: { '^.+\\.tsx?$': ["ts-jest", { tsconfig: path.join(dir, "tsconfig.json") }] },
    moduleNameMapper: {
      '^@shadowfleet/models$': path.join(__dirname, 'models/src/index.ts'),
      '^@shadowfleet/exporter$': path.join(__dirname, 'exporter/src/index.ts'),
      '^@shadowfleet/alertmanager-webhook$': path.join(__dirname, 'alertmanager-webhook/src/index.ts'),
    },
    testTimeout: 60000,
    ...overrides,
  };
};
