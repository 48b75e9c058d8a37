import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
      // The browser test's host bundle and webpack cache (generated).
      'browser/.host/',
      'browser/.host-cache/',
    ],
  },
  ...baseConfig,
  {
    // The Grafana app talks to the services over HTTP only: it imports no server code (their types
    // included). Keeps grafana's own rule against moment.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['moment'],
          patterns: [
            {
              group: ['@shadowfleet/*', '**/exporter/**', '**/alertmanager-webhook/**', '**/haproxy-runtime/**', '**/models/src/**'],
              message: 'the plugin imports no server code (shared API types belong in one place both use)',
            },
          ],
        },
      ],
    },
  },
]);
