import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTRY_PEERS, missingPeersError } from '../../src/peers/require-peers';
import { ensureBuilt, root } from './built-library';

const pkg = require(join(root, 'package.json')) as {
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  dependencies: Record<string, string>;
};

/** Preloaded with `-r`: the packages named in QO_BLOCK cannot be resolved, as if they were not installed. */
const blocker = join(root, '.tmp', 'block-packages.cjs');

beforeAll(() => {
  ensureBuilt();
  mkdirSync(join(root, '.tmp'), { recursive: true });
  writeFileSync(
    blocker,
    `const Module = require('node:module');
const blocked = (process.env.QO_BLOCK || '').split(',').filter(Boolean);
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (blocked.some((name) => request === name || request.startsWith(name + '/'))) {
    const error = new Error("Cannot find module '" + request + "'");
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return resolve.call(this, request, ...rest);
};
`,
  );
}, 240_000);

/** Loads `specifier` from the build (no `source` condition) in a child where `blocked` cannot be resolved. */
function load(specifier: string, blocked: string[], how: 'require' | 'import'): { status: number | null; stderr: string } {
  const code = how === 'require' ? `require(${JSON.stringify(specifier)})` : `import(${JSON.stringify(specifier)}).catch((e) => { console.error(e.message); process.exit(1); })`;
  const run = spawnSync(process.execPath, ['-r', blocker, '-e', code], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', QO_BLOCK: blocked.join(',') },
  });
  return { status: run.status, stderr: run.stderr };
}

const cases = Object.entries(ENTRY_PEERS) as [keyof typeof ENTRY_PEERS, Record<string, string>][];

describe.each(cases)('queue-otel/%s', (entry, peers) => {
  const names = Object.keys(peers);

  test.each(['require', 'import'] as const)('without its optional peers, %s fails with an error naming each one and how to install it', (how) => {
    const { status, stderr } = load(`queue-otel/${entry}`, names, how);
    expect(status).not.toBe(0);
    expect(stderr).toContain(`queue-otel/${entry} needs `);
    for (const name of names) expect(stderr).toContain(`${name}@`);
    expect(stderr).toContain(missingPeersError(entry, () => false)!.message);
  });

  test('with them installed it loads', () => {
    expect(load(`queue-otel/${entry}`, [], 'require')).toMatchObject({ status: 0 });
  });
});

test('the root entry needs none of the optional peers', () => {
  const every = [...new Set(cases.flatMap(([, peers]) => Object.keys(peers)))];
  expect(load('queue-otel', every, 'require')).toMatchObject({ status: 0, stderr: '' });
  expect(load('queue-otel', every, 'import')).toMatchObject({ status: 0, stderr: '' });
});

test('one missing peer is named alone, with its range', () => {
  const error = missingPeersError('metrics', () => false);
  expect(error?.message).toBe('queue-otel/metrics needs prom-client: npm install prom-client@^15');
  expect(missingPeersError('store', (name) => name !== 'ioredis')?.message).toBe('queue-otel/store needs ioredis: npm install "ioredis@^5 || ^6"');
});

test('every peer an entry checks is an optional peer of package.json with the same range', () => {
  for (const [, peers] of cases) {
    for (const [name, range] of Object.entries(peers)) {
      expect({ name, range: pkg.peerDependencies[name], optional: pkg.peerDependenciesMeta[name]?.optional }).toEqual({ name, range, optional: true });
    }
  }
  expect(Object.keys(pkg.dependencies)).toEqual(['@opentelemetry/core']);
  expect(pkg.peerDependencies['@opentelemetry/api']).toBe('^1.9.0');
  expect(pkg.peerDependencies.bullmq).toBe('>=6');
});

test('the 0.x OpenTelemetry peers all accept 0.200.0 on (npm refuses an application that has an older one in range)', () => {
  const experimental = Object.entries(pkg.peerDependencies).filter(([name, range]) => name.startsWith('@opentelemetry/') && range.startsWith('>=0.'));
  expect(experimental.map(([name]) => name)).toContain('@opentelemetry/api-logs');
  for (const [name, range] of experimental) expect({ name, range }).toEqual({ name, range: '>=0.200.0 <1' });
});
