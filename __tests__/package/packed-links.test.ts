/**
 * The packed docs' relative links resolve inside the tarball: the library's README and docs linked to
 * `../deploy/...`, `../examples/...` and `../cli/README.md`, which only this repository holds, so on npmjs.com and in
 * node_modules they led nowhere. scripts/packed-links.mjs (the root's prepack, and the CLI's check-pack) finds such
 * links in what `npm pack` would pack; the CLI's tarball is checked in cli/__tests__/cli/pack.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from './built-library';

const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'packed-links.mjs');

function check(dir: string): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 120_000 });
  return { status: run.status, stderr: run.stderr };
}

test('every relative link of the library\'s packed Markdown files names a file in its tarball', () => {
  // Another test file may be building dist/ in a parallel worker: `npm pack` would list files as they vanish and
  // appear. Built first (once for all, under the build lock), dist/ stays put for the rest of the run.
  ensureBuilt();
  const { status, stderr } = check(ROOT);
  expect(stderr).toBe('');
  expect(status).toBe(0);
}, 150_000);

test('the check lists a link to a file the tarball does not hold, and only such links', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qo-packed-links-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'links-fixture', version: '1.0.0', files: ['README.md', 'docs'] }));
    mkdirSync(join(dir, 'docs'));
    mkdirSync(join(dir, 'examples'));
    writeFileSync(join(dir, 'examples', 'basic.ts'), 'export {};\n');
    writeFileSync(join(dir, 'docs', 'setup.md'), [
      'Back to [the README](../README.md#install), [a section](#setup), [npm](https://www.npmjs.com/), [docs](./).',
      'Outside the package: [the collector](../../deploy/collector.yaml).',
    ].join('\n'));
    writeFileSync(join(dir, 'README.md'), [
      '[setup](docs/setup.md) and [setup, titled](<docs/setup.md> "Setup").',
      'Not packed: [an example](examples/basic.ts), and [a missing page][missing].',
      '',
      '```md',
      '[in a code block](nowhere.md)',
      '```',
      'Inline code: `[x](nowhere.md)`.',
      '',
      '[missing]: docs/missing.md',
    ].join('\n'));
    const { status, stderr } = check(dir);
    expect(status).toBe(1);
    const listed = stderr.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim()).sort();
    expect(listed).toEqual(['README.md: docs/missing.md', 'README.md: examples/basic.ts', 'docs/setup.md: ../../deploy/collector.yaml']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 150_000);
