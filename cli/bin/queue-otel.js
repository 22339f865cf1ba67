#!/usr/bin/env node
// In a source checkout (src/ present, tsx installed) runs the TypeScript sources through tsx, so the command never
// runs a stale build; in the published package (dist/ only) runs the build.
//
// The sources import the library by name (`queue-otel`, `queue-otel/store` ...), which resolves to its TypeScript
// files only under the `source` export condition. Node reads conditions once, at start-up: when this process was
// started without it (`node bin/queue-otel.js`, `npx queue-otel`), the CLI runs in one child node with
// `--conditions=source --import tsx`, which gets the terminal, the arguments and the signals. Started with the
// condition (the repository's npm scripts do), it runs here, in this process.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const sources = join(__dirname, '..', 'src', 'cli', 'main.ts');

function resolves(request) {
  try {
    return require.resolve(request);
  } catch {
    return undefined;
  }
}

const tsxPackage = existsSync(sources) ? resolves('tsx/package.json') : undefined;
if (!tsxPackage) {
  require(join(__dirname, '..', 'dist', 'cli', 'main.js')).runAsMain();
} else if (resolves('queue-otel')?.endsWith('.ts')) {
  // The same hooks as `node --import tsx`: TypeScript for require() and for the UI's ES modules (.tsx).
  const { pathToFileURL } = require('node:url');
  const loader = pathToFileURL(join(tsxPackage, '..', 'dist', 'loader.mjs')).href;
  import(loader).then(() => require(sources).runAsMain());
} else {
  runWithSourceCondition(join(tsxPackage, '..', 'dist', 'loader.mjs'));
}

/** Runs this script again in a child node that resolves `queue-otel` to its sources, and exits as it does. */
function runWithSourceCondition(loader) {
  const { spawn } = require('node:child_process');
  const { pathToFileURL } = require('node:url');
  const args = ['--conditions=source', '--import', pathToFileURL(loader).href, __filename, ...process.argv.slice(2)];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  // The child shares the terminal and its process group, so a key press or a closed terminal reaches it directly;
  // a signal sent to this process alone is passed on. This process ends only when the child has.
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  child.on('exit', (code, signal) => {
    if (signal) {
      for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeListener(name, forward);
      process.kill(process.pid, signal);
    } else {
      process.exit(code ?? 1);
    }
  });
}
