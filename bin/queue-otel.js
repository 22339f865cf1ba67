#!/usr/bin/env node
// Runs the built CLI (after npm run build); in a source checkout without a build, runs the TypeScript sources
// in this same process through tsx (so signals reach the CLI directly and nothing is left behind).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'dist', 'cjs', 'cli', 'main.js');
if (existsSync(built)) {
  require(built).runAsMain();
} else {
  // The same hooks as `node --import tsx`: TypeScript for require() and for the UI's ES modules (.tsx).
  const { pathToFileURL } = require('node:url');
  const loader = pathToFileURL(join(require.resolve('tsx/package.json'), '..', 'dist', 'loader.mjs')).href;
  import(loader).then(() => require(join(__dirname, '..', 'src', 'cli', 'main.ts')).runAsMain());
}
