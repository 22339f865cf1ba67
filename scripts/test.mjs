#!/usr/bin/env node
// Runs the linter, then the whole suite with the flags it needs, and ends with the plain "N passed, N failed" line
// CI reads. A lint failure counts as one failed test. With arguments (test files or folders) only those run, unlinted.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const out = `.test-results-${process.pid}.json`;
rmSync(out, { force: true });
const env = {
  ...process.env,
  // The OTLP exporter loads its HTTP agent with a dynamic import, which jest only allows with vm modules.
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --disable-warning=ExperimentalWarning`.trim(),
};
const only = process.argv.slice(2);
let lintFailed = 0;
if (only.length === 0) {
  const lint = spawnSync('npx', ['eslint', '.'], { stdio: 'inherit' });
  if (lint.status !== 0) {
    console.error('eslint reported problems (npm run lint)');
    lintFailed = 1;
  }
}
const args = ['jest', '--json', `--outputFile=${out}`, ...only];
const run = spawnSync('npx', args, { stdio: 'inherit', env });
let passed = 0;
let failed = lintFailed;
try {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests;
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
} catch {
  failed = Math.max(failed, 1);
  console.error('jest wrote no report: the run did not complete');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
