/**
 * The CLI's tarball installs outside this repository: in the repository it depends on the library as
 * `"queue-otel": "file:.."` (an npm workspace link), which in a published package fails to install (`ENOENT:
 * symlink`) or links the dependency to the installing project's node_modules. `npm run pack:tarball` packs it with
 * the library's version range instead, and a plain `npm pack` of the folder is refused.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../../../__tests__/support/tracing';

const CLI = join(__dirname, '..', '..');
const library = JSON.parse(readFileSync(join(CLI, '..', 'package.json'), 'utf8')) as { name: string; version: string };

interface Manifest {
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function npm(args: readonly string[]): { status: number | null; stderr: string } {
  const run = spawnSync('npm', args, { cwd: CLI, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 120_000 });
  return { status: run.status, stderr: run.stderr };
}

let destination: string;
beforeEach(() => {
  destination = mkdtempSync(join(tmpdir(), 'qo-cli-pack-'));
});
afterEach(() => rmSync(destination, { recursive: true, force: true }));

test('npm run pack:tarball writes the library version range and README links that resolve, and leaves both files as they were', () => {
  const before = readFileSync(join(CLI, 'package.json'), 'utf8');
  const readmeBefore = readFileSync(join(CLI, 'README.md'), 'utf8');
  const run = npm(['run', 'pack:tarball', '--', '--pack-destination', destination]);
  expect(run.stderr).not.toMatch(/npm error/);
  expect(run.status).toBe(0);
  expect(readFileSync(join(CLI, 'package.json'), 'utf8')).toBe(before);

  const tarballs = readdirSync(destination).filter((name) => name.endsWith('.tgz'));
  expect(tarballs).toHaveLength(1);
  const tar = spawnSync('tar', ['-xzOf', join(destination, tarballs[0] ?? ''), 'package/package.json'], { encoding: 'utf8' });
  const packed = JSON.parse(tar.stdout) as Manifest;
  expect(packed.dependencies[library.name]).toBe(`^${library.version}`);
  const specs = Object.values({ ...packed.dependencies, ...packed.optionalDependencies });
  expect(specs.filter((spec) => spec.startsWith('file:'))).toEqual([]);

  // The README's links resolve in the tarball, or lead to the library's files as published at the version it
  // depends on (they pointed at ../docs/tui.md and ../CHANGELOG.md, which only the repository holds).
  expect(readFileSync(join(CLI, 'README.md'), 'utf8')).toBe(readmeBefore);
  const unpacked = join(destination, 'unpacked');
  mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', join(destination, tarballs[0] ?? ''), '-C', unpacked]);
  const links = spawnSync(process.execPath, [join(CLI, '..', 'scripts', 'packed-links.mjs'), join(unpacked, 'package')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(links.stderr).toBe('');
  expect(links.status).toBe(0);
  const readme = readFileSync(join(unpacked, 'package', 'README.md'), 'utf8');
  expect(readme).toContain(`](https://unpkg.com/${library.name}@${library.version}/docs/tui.md#flags-and-environment-variables)`);
  expect(readme).toContain(`](https://www.npmjs.com/package/${library.name}/v/${library.version})`);
}, 150_000);

test('a plain npm pack of the folder, which would keep the file: dependency, is refused with the command to use', () => {
  const run = npm(['pack', '--pack-destination', destination]);
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain('"queue-otel": "file:.." resolves only in this repository');
  expect(run.stderr).toContain('npm run pack:tarball --workspace queue-otel-cli');
  expect(readdirSync(destination)).toEqual([]);
}, 150_000);

test('SIGTERM while npm pack runs: package.json and README.md restored, and the script ends by the signal instead of exiting 0', async () => {
  const manifestPath = join(CLI, 'package.json');
  const before = readFileSync(manifestPath, 'utf8');
  const readmeBefore = readFileSync(join(CLI, 'README.md'), 'utf8');
  const cliManifest = JSON.parse(before) as { name: string; version: string };
  // npm pack writes its tarball by opening this path, which, a FIFO without a reader, blocks: npm is still packing
  // whenever the signal comes, however fast or slow the machine.
  const fifo = join(destination, `${cliManifest.name}-${cliManifest.version}.tgz`);
  execFileSync('mkfifo', [fifo]);
  const pack = spawn(process.execPath, [join(CLI, 'scripts', 'pack.mjs'), '--pack-destination', destination], {
    cwd: CLI, env: { ...process.env, NODE_OPTIONS: '' }, stdio: 'ignore',
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    pack.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((result) => (ended = result));
  try {
    // The range written: npm pack is about to start, or running.
    await waitFor('pack.mjs to write the version range', () => readFileSync(manifestPath, 'utf8') !== before || undefined, 60_000);
    pack.kill('SIGTERM');
    try {
      await waitFor('pack.mjs to end after SIGTERM', () => ended, 60_000);
    } catch {
      // Still running (the signal not acted on): a reader lets npm finish, so the script ends and shows how.
      createReadStream(fifo).resume();
    }
    const result = await exited;
    expect(readFileSync(manifestPath, 'utf8')).toBe(before);
    expect(readFileSync(join(CLI, 'README.md'), 'utf8')).toBe(readmeBefore);
    expect(result).toEqual({ code: null, signal: 'SIGTERM' });
  } finally {
    if (pack.exitCode === null && pack.signalCode === null) pack.kill('SIGKILL');
    await exited;
  }
}, 150_000);
