// Lint for the library, the CLI package, tests, examples and benchmarks. `npm test` runs it before jest.
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { '@eslint-community/eslint-comments': comments },
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        setImmediate: 'readonly', clearImmediate: 'readonly', Buffer: 'readonly', performance: 'readonly',
        URL: 'readonly', URLSearchParams: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly',
        TextEncoder: 'readonly', TextDecoder: 'readonly', queueMicrotask: 'readonly', structuredClone: 'readonly',
        fetch: 'readonly', globalThis: 'readonly', NodeJS: 'readonly',
      },
    },
    rules: {
      // Explicit named exports and `import type` for types, as the project's style asks.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      // A rule switched off in place says why (`-- reason`).
      '@eslint-community/eslint-comments/require-description': 'error',
      '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
      // Matching control characters is the point of the terminal-safety and label code (and of their tests).
      'no-control-regex': 'off',
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    // Plain JavaScript: the CLI's bin, jest's config, fixtures run as child processes (CommonJS or ESM).
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { __filename: 'readonly', exports: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tools that load configuration by default export: ESLint itself, jest's global setup and teardown.
    files: ['eslint.config.mjs', '__tests__/support/global-*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // These tests load the built CommonJS package (dist/) by path, as an application's require() would.
    files: ['__tests__/package/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
