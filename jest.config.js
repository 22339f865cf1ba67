/**
 * Jest runs TypeScript through ts-jest; type errors are caught by `npm run typecheck`, not here. One run covers the
 * library (__tests__) and the CLI package (cli/__tests__); `queue-otel[/subpath]` resolves to the library's
 * TypeScript sources through the `source` export condition, as in the CLI's development runs.
 */
const shared = {
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['source', 'node', 'node-addons'] },
  roots: ['<rootDir>/__tests__', '<rootDir>/cli/__tests__'],
  globalSetup: '<rootDir>/__tests__/support/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.ts',
  testTimeout: 60000,
};

module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: 'cjs',
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node10', jsx: 'react-jsx', esModuleInterop: true, ignoreDeprecations: '6.0' } }] },
    },
    {
      // The terminal UI is ESM (ink and ink-testing-library are ESM-only): its rendered-frame tests run in
      // jest's native ESM mode (node --experimental-vm-modules, set by scripts/test.mjs).
      ...shared,
      displayName: 'esm',
      testMatch: ['**/*.test.tsx'],
      extensionsToTreatAsEsm: ['.ts', '.tsx'],
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      transform: { '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: { isolatedModules: true, module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx', esModuleInterop: true, ignoreDeprecations: '6.0' } }] },
    },
  ],
};
