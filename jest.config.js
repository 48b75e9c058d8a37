/** Root jest config: one project per workspace, each with its own jest.config.js. */
module.exports = {
  projects: ['<rootDir>/models', '<rootDir>/exporter', '<rootDir>/alertmanager-webhook', '<rootDir>/test'],
};
