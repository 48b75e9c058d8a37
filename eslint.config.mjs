// One lint configuration for every workspace; import boundaries follow the data flow in STYLE:
// models imports nothing from the services; the exporter never imports the webhook.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'plugin/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@shadowfleet/exporter', '@shadowfleet/alertmanager-webhook', '**/exporter/**', '**/alertmanager-webhook/**'] },
      ],
    },
  },
  {
    files: ['exporter/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@shadowfleet/alertmanager-webhook', '**/alertmanager-webhook/**'] }],
    },
  },
);
