#!/usr/bin/env node
// Packs this package for publishing (`npm run pack:tarball --workspace queue-otel-cli`, arguments go on to npm pack, e.g.
// --pack-destination): the tarball depends on the library by version range ("^" + the library's version) instead of
// "file:..", which resolves only inside this repository (an install of such a tarball fails, or links the
// dependency to the installing project's node_modules). package.json is restored afterwards whatever npm pack did.
// Publish the tarball this makes (`npm publish queue-otel-cli-<version>.tgz`), not the folder: check-pack.mjs
// refuses to pack or publish the folder while it holds a file: dependency.
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(cli, 'package.json');
const original = readFileSync(manifestPath, 'utf8');
const manifest = JSON.parse(original);
const library = JSON.parse(readFileSync(join(cli, '..', 'package.json'), 'utf8'));

/** Replaces package.json in one step (a rename), so that nothing reading it meanwhile sees half a file. */
function writeManifest(text) {
  writeFileSync(`${manifestPath}.tmp`, text);
  renameSync(`${manifestPath}.tmp`, manifestPath);
}

// Interrupted (Ctrl-C, a timeout's SIGTERM) while npm pack runs, `finally` would not run: restore on the signal too.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    writeManifest(original);
    process.kill(process.pid, signal);
  });
}
manifest.dependencies[library.name] = `^${library.version}`;
writeManifest(`${JSON.stringify(manifest, null, 2)}\n`);
try {
  execFileSync('npm', ['pack', ...process.argv.slice(2)], { cwd: cli, stdio: 'inherit' });
} finally {
  writeManifest(original);
}
