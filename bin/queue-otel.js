#!/usr/bin/env node
// Runs the built CLI (npm run build); in a source checkout without a build, runs the sources through tsx.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'dist', 'cjs', 'cli', 'main.js');
if (existsSync(built)) {
  require(built);
} else {
  const { spawnSync } = require('node:child_process');
  const { pathToFileURL } = require('node:url');
  const loader = pathToFileURL(join(require.resolve('tsx/package.json'), '..', 'dist', 'loader.mjs')).href;
  const main = join(__dirname, '..', 'src', 'cli', 'main.ts');
  const run = spawnSync(process.execPath, ['--import', loader, main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
}
