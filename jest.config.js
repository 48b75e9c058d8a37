/** Root jest config: one project per workspace, each with its own jest.config.js. */
module.exports = {
  projects: ['<rootDir>/models', '<rootDir>/haproxy-runtime', '<rootDir>/service-kit', '<rootDir>/exporter', '<rootDir>/alertmanager-webhook', '<rootDir>/test'],
  // testTimeout is a global option: project configs cannot set it. Real servers start in some tests.
  testTimeout: 60000,
};
