import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './built-library';

/**
 * dist/ is not in git: `npm pack` in a fresh clone must refuse (the root's prepack, scripts/check-dist.mjs) rather
 * than make a tarball with the docs and no code.
 */
let dir: string;

beforeAll(() => {
  // A clone's files the pack looks at, without dist/.
  dir = mkdtempSync(join(tmpdir(), 'qo-pack-needs-build-'));
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  const { files } = require(join(root, 'package.json')) as { files: string[] };
  for (const path of files.filter((name) => name !== 'dist')) cpSync(join(root, path), join(dir, path), { recursive: true });
  mkdirSync(join(dir, 'scripts'));
  for (const script of ['check-dist.mjs', 'packed-links.mjs']) cpSync(join(root, 'scripts', script), join(dir, 'scripts', script));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function pack(): { status: number | null; stderr: string } {
  const run = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { status: run.status, stderr: run.stderr };
}

test('npm pack without dist/ fails and says to build', () => {
  const result = pack();
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('queue-otel: not packing without the build');
  expect(result.stderr).toContain('run npm run build first');
});

test('with the files package.json points at in dist/, the check passes', () => {
  // Copies stand in for the build: the check is about their presence (the rest of prepack checks the README's links).
  const pkg = require(join(root, 'package.json')) as { exports: Record<string, unknown> };
  const paths = new Set<string>();
  const walk = (target: unknown): void => {
    if (typeof target === 'string') paths.add(target);
    else if (target && typeof target === 'object') for (const [condition, value] of Object.entries(target)) if (condition !== 'source') walk(value);
  };
  walk(pkg.exports);
  for (const path of [...paths].filter((p) => p.startsWith('./dist/'))) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    cpSync(join(root, 'package.json'), join(dir, path));
  }
  const run = spawnSync(process.execPath, [join(dir, 'scripts', 'check-dist.mjs'), dir], { encoding: 'utf8' });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  // The root's main and types are among them.
  expect(paths).toContain('./dist/cjs/index.js');
  expect(paths).toContain('./dist/cjs/index.d.ts');
});
