#!/usr/bin/env node
// In a source checkout (src/ present, tsx installed) runs the TypeScript sources in this same process through
// tsx, so the command never runs a stale build and signals reach the CLI directly; in the published package
// (dist/ only) runs the build.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const sources = join(__dirname, '..', 'src', 'cli', 'main.ts');
let tsxPackage;
try {
  tsxPackage = existsSync(sources) ? require.resolve('tsx/package.json') : undefined;
} catch {
  tsxPackage = undefined;
}
if (tsxPackage) {
  // The same hooks as `node --import tsx`: TypeScript for require() and for the UI's ES modules (.tsx).
  const { pathToFileURL } = require('node:url');
  const loader = pathToFileURL(join(tsxPackage, '..', 'dist', 'loader.mjs')).href;
  import(loader).then(() => require(sources).runAsMain());
} else {
  require(join(__dirname, '..', 'dist', 'cjs', 'cli', 'main.js')).runAsMain();
}
