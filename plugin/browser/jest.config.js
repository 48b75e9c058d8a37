// The real-browser test: Debian's Chromium (playwright-core) renders the built plugin (dist/module.js)
// in a host page, with the real exporter on loopback behind a stand-in for Grafana's HTTP API.
// The stand-in's own rules are tested here too (grafana/*.test.ts), over real HTTP where it forwards.
const path = require('path');
const base = require('../.config/jest.config');

module.exports = {
  rootDir: __dirname,
  displayName: 'plugin-browser',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.browser.test.ts', '<rootDir>/grafana/**/*.test.ts', '<rootDir>/backfill/**/*.test.ts'],
  transform: base.transform,
  testTimeout: 120000,
  // Workspace packages resolve to their compiled dist (root `npm test` runs `tsc -b` first).
  moduleDirectories: ['node_modules', path.resolve(__dirname, '..', '..', 'node_modules')],
  // One pure module of the models' dist (the seasonal-naive band) without the package root, whose
  // dependencies include ESM-only modules jest cannot load; `exports` would otherwise hide the path.
  moduleNameMapper: { '^@shadowfleet/models/dist/(.*)$': path.resolve(__dirname, '..', '..', 'models', 'dist', '$1') },
};
