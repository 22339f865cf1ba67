import { spawnSync } from 'node:child_process';
import { ensureBuilt, root } from './built-library';

beforeAll(ensureBuilt, 240_000);

function node(args: string[]): string {
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

/** What scripts/fast-exports.mjs makes of `source`. */
function rewrite(source: string): string {
  const script = `import { withoutReexportedPreamble } from './scripts/fast-exports.mjs';
process.stdout.write(withoutReexportedPreamble(${JSON.stringify(source)}));`;
  return node(['--input-type=module', '-e', script]);
}

const TSC_BARREL = [
  '"use strict";',
  'Object.defineProperty(exports, "__esModule", { value: true });',
  'exports.local = exports.b = exports.a = void 0;',
  'var x_1 = require("./x");',
  'Object.defineProperty(exports, "a", { enumerable: true, get: function () { return x_1.a; } });',
  'Object.defineProperty(exports, "b", { enumerable: true, get: function () { return x_1.b; } });',
  'exports.local = 1;',
  '',
].join('\n');

test('re-exported names leave the void 0 line, names the module defines itself stay, and no line moves', () => {
  const rewritten = rewrite(TSC_BARREL);
  const lines = rewritten.split('\n');
  expect(lines).toHaveLength(TSC_BARREL.split('\n').length);
  expect(lines[2]).toBe('exports.local = void 0;');
  expect(lines.slice(3)).toEqual(TSC_BARREL.split('\n').slice(3));
  // A barrel of re-exports only keeps an empty line where the preamble was.
  const onlyReexports = TSC_BARREL.replace('exports.local = exports.b', 'exports.b').replace('exports.local = 1;\n', '');
  expect(rewrite(onlyReexports).split('\n')[2]).toBe('');
  // A module without re-exports is not touched.
  const leaf = '"use strict";\nexports.f = void 0;\nfunction f() {}\nexports.f = f;\n';
  expect(rewrite(leaf)).toBe(leaf);
});

/**
 * Loads every entry point of the build and lists the modules whose exports object V8 keeps in dictionary mode
 * (`%HasFastProperties`). The entry points themselves are left out: applications read them once, at start-up.
 */
function slowModules(): { checked: number; slow: string[] } {
  const script = `
const { join, relative } = require('node:path');
const dist = join(process.cwd(), 'dist', 'cjs');
const entries = new Set([require.resolve('queue-otel')]);
for (const entry of ['setup', 'export', 'metrics', 'store', 'observer', 'config', 'traces']) entries.add(require.resolve('queue-otel/' + entry));
for (const entry of entries) require(entry);
let checked = 0; const slow = [];
for (const [file, module] of Object.entries(require.cache)) {
  if (!file.startsWith(dist) || entries.has(file)) continue;
  checked += 1;
  if (!%HasFastProperties(module.exports)) slow.push(relative(dist, file));
}
process.stdout.write(JSON.stringify({ checked, slow }));`;
  return JSON.parse(node(['--allow-natives-syntax', '-e', script])) as { checked: number; slow: string[] };
}

test("every module of the build keeps its exports object fast, barrels included (the library's reads are cached)", () => {
  const { checked, slow } = slowModules();
  expect(slow).toEqual([]);
  // The check covers the library, barrels included: the build has over a hundred modules.
  expect(checked).toBeGreaterThan(100);
});
