#!/usr/bin/env node
// Packs this package for publishing (`npm run pack:tarball --workspace queue-otel-cli`, arguments go on to npm pack, e.g.
// --pack-destination): the tarball depends on the library by version range ("^" + the library's version) instead of
// "file:..", which resolves only inside this repository (an install of such a tarball fails, or links the
// dependency to the installing project's node_modules). package.json is restored afterwards whatever npm pack did.
// Publish the tarball this makes (`npm publish queue-otel-cli-<version>.tgz`), not the folder: check-pack.mjs
// refuses to pack or publish the folder while it holds a file: dependency.
import { spawn } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(cli, 'package.json');
const original = readFileSync(manifestPath, 'utf8');
const manifest = JSON.parse(original);
const library = JSON.parse(readFileSync(join(cli, '..', 'package.json'), 'utf8'));
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Replaces package.json in one step (a rename), so that nothing reading it meanwhile sees half a file. */
function writeManifest(text) {
  writeFileSync(`${manifestPath}.tmp`, text);
  renameSync(`${manifestPath}.tmp`, manifestPath);
}

/**
 * Ends this process the way `signal` would have without the handlers below, so a caller (a shell, a timeout, CI)
 * sees the interruption instead of a success: exit code 128 + n, and `$?`/`signal` as for any killed command.
 */
function dieBy(signal) {
  for (const name of SIGNALS) process.removeAllListeners(name);
  process.kill(process.pid, signal);
}

/** npm pack, once started; the first signal received (Ctrl-C, a timeout's SIGTERM, a closed terminal). */
let npm;
let interrupted;
// Handlers before the manifest changes: from then on a signal must not end the process before it is restored.
for (const signal of SIGNALS) {
  process.on(signal, () => {
    interrupted ??= signal;
    // A signal to this process alone (a timeout's, `kill <pid>`) would leave npm packing on: it gets it too. The
    // manifest is restored once npm has exited, not now, or npm could read it back half way through its pack.
    if (npm && npm.exitCode === null && npm.signalCode === null) npm.kill(signal);
  });
}
manifest.dependencies[library.name] = `^${library.version}`;
writeManifest(`${JSON.stringify(manifest, null, 2)}\n`);
// Asynchronous, not execFileSync: a signal's handler runs only when the event loop does, which execFileSync blocks
// until npm pack has finished (the tarball written, and the signal then lost: the script exited 0).
npm = spawn('npm', ['pack', ...process.argv.slice(2)], { cwd: cli, stdio: 'inherit' });
npm.on('error', (error) => {
  writeManifest(original);
  console.error(`queue-otel-cli: cannot run npm pack (${error.message})`);
  process.exit(1);
});
npm.on('exit', (code, signal) => {
  writeManifest(original);
  // Restored first, then the interruption passed on: npm's signal if it was killed by one another way.
  const by = interrupted ?? signal;
  if (by) dieBy(by);
  else process.exitCode = code ?? 1;
});
