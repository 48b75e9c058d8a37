// One lint configuration for every server workspace (the Grafana plugin keeps its scaffolded one, with
// the same boundary rule). Import boundaries follow the data flow in STYLE: models is pure computation
// and imports no service and no Node I/O module; the exporter and the webhook never import each other.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const services = ['@shadowfleet/exporter', '@shadowfleet/alertmanager-webhook', '@shadowfleet/haproxy-runtime', '@shadowfleet/service-kit', '@shadowfleet/e2e'];
const serviceFolders = ['**/exporter/**', '**/alertmanager-webhook/**', '**/haproxy-runtime/**', '**/service-kit/**', '**/test/src/**'];
const nodeIo = ['fs', 'fs/promises', 'net', 'child_process', 'worker_threads', 'http', 'https', 'http2', 'dgram', 'cluster'];
const noNodeIo = nodeIo.flatMap((m) => [m, `node:${m}`]).map((name) => ({ name, message: 'models is pure computation: I/O and threads belong to the services (exporter, webhook)' }));
const restrict = (patterns, paths = []) => ['error', { paths, patterns: [{ group: patterns, message: 'crosses an architecture boundary (see eslint.config.mjs)' }] }];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'plugin/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // models: no service; no Node I/O outside its tests (which read fixture files).
  { files: ['models/**/*.ts'], ignores: ['models/**/*.test.ts'], rules: { 'no-restricted-imports': restrict([...services, ...serviceFolders], noNodeIo) } },
  { files: ['models/**/*.test.ts'], rules: { 'no-restricted-imports': restrict([...services, ...serviceFolders]) } },
  // The HAProxy client and the service kit are leaves the services share: they import no workspace.
  { files: ['haproxy-runtime/**/*.ts', 'service-kit/**/*.ts'], rules: { 'no-restricted-imports': restrict(['@shadowfleet/*', '**/models/**', '**/exporter/**', '**/alertmanager-webhook/**', '**/test/src/**']) } },
  { files: ['exporter/**/*.ts'], rules: { 'no-restricted-imports': restrict(['@shadowfleet/alertmanager-webhook', '@shadowfleet/e2e', '**/alertmanager-webhook/**', '**/test/src/**']) } },
  { files: ['alertmanager-webhook/**/*.ts'], rules: { 'no-restricted-imports': restrict(['@shadowfleet/exporter', '@shadowfleet/e2e', '**/exporter/**', '**/test/src/**']) } },
);
