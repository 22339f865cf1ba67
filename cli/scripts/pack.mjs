#!/usr/bin/env node
// Packs this package for publishing (`npm run pack:tarball --workspace queue-otel-cli`, arguments go on to npm pack, e.g.
// --pack-destination): the tarball depends on the library by version range ("^" + the library's version) instead of
// "file:..", which resolves only inside this repository (an install of such a tarball fails, or links the
// dependency to the installing project's node_modules), and README.md's links to the library's files (`../docs/tui.md`,
// outside this package) point at those files of the library's published version. package.json and README.md are
// restored afterwards whatever npm pack did; a signal (after the restore) ends this script as it would have npm.
// Publish the tarball this makes (`npm publish queue-otel-cli-<version>.tgz`), not the folder: check-pack.mjs
// refuses to pack or publish the folder while it holds a file: dependency.
import { spawn } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownLinks, packedFiles } from '../../scripts/packed-links.mjs';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(cli, '..');
const manifestPath = join(cli, 'package.json');
const readmePath = join(cli, 'README.md');
const original = { manifest: readFileSync(manifestPath, 'utf8'), readme: readFileSync(readmePath, 'utf8') };
const manifest = JSON.parse(original.manifest);
const library = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * README.md with each link out of this package (`../x`) pointing at that file of the library's tarball, as published
 * at the version this one depends on (its README: the library's npm page). A link to a file the library's tarball
 * does not hold would lead nowhere there either: refused before anything is changed.
 */
function publishedReadme(text) {
  const libraryFiles = new Set(packedFiles(root));
  const targets = new Map();
  for (const target of markdownLinks(text).filter((link) => link.startsWith('../'))) {
    const [path = '', anchor] = target.split('#');
    const file = posix.normalize(path.slice(3));
    if (file.startsWith('../') || !libraryFiles.has(file)) {
      console.error(`queue-otel-cli: README.md links to ${target}, which is not in the ${library.name} tarball either: link to a file it holds`);
      process.exit(1);
    }
    const url = file === 'README.md' ? `https://www.npmjs.com/package/${library.name}/v/${library.version}`
      : `https://unpkg.com/${library.name}@${library.version}/${file}`;
    targets.set(target, anchor === undefined ? url : `${url}#${anchor}`);
  }
  // Only link targets (`](../x)`): the same text elsewhere (prose, code) is left as it is.
  return text.replace(/\]\(\s*(\.\.\/[^)\s]+)/g, (match, target) => (targets.has(target) ? `](${targets.get(target)}` : match));
}

/** Replaces a file in one step (a rename), so that nothing reading it meanwhile sees half a file. */
function replaceFile(path, text) {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

function restore() {
  replaceFile(manifestPath, original.manifest);
  replaceFile(readmePath, original.readme);
}

/**
 * Ends this process the way `signal` would have without the handlers below, so a caller (a shell, a timeout, CI)
 * sees the interruption instead of a success: exit code 128 + n, and `$?`/`signal` as for any killed command.
 */
function dieBy(signal) {
  for (const name of SIGNALS) process.removeAllListeners(name);
  process.kill(process.pid, signal);
}

const readme = publishedReadme(original.readme);
/** npm pack, once started; the first signal received (Ctrl-C, a timeout's SIGTERM, a closed terminal). */
let npm;
let interrupted;
// Handlers before the files change: from then on a signal must not end the process before they are restored.
for (const signal of SIGNALS) {
  process.on(signal, () => {
    interrupted ??= signal;
    // A signal to this process alone (a timeout's, `kill <pid>`) would leave npm packing on: it gets it too. The
    // files are restored once npm has exited, not now, or npm could read them back half way through its pack.
    if (npm && npm.exitCode === null && npm.signalCode === null) npm.kill(signal);
  });
}
manifest.dependencies[library.name] = `^${library.version}`;
replaceFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
replaceFile(readmePath, readme);
// Asynchronous, not execFileSync: a signal's handler runs only when the event loop does, which execFileSync blocks
// until npm pack has finished (the tarball written, and the signal then lost: the script exited 0).
npm = spawn('npm', ['pack', ...process.argv.slice(2)], { cwd: cli, stdio: 'inherit' });
npm.on('error', (error) => {
  restore();
  console.error(`queue-otel-cli: cannot run npm pack (${error.message})`);
  process.exit(1);
});
npm.on('exit', (code, signal) => {
  restore();
  // Restored first, then the interruption passed on: npm's signal if it was killed by one another way.
  const by = interrupted ?? signal;
  if (by) dieBy(by);
  else process.exitCode = code ?? 1;
});
