/**
 * An application's TypeScript sees every entry point through the built package, as installed from its tarball:
 * the `types` of each `exports` condition under `module: nodenext` (an ES-module file takes `import`, a CommonJS
 * one `require`), `node16`, and `moduleResolution: bundler`. The other type tests read the sources (the `source`
 * condition); this one resolves as a user's compiler does, without it. Declaration files are not checked
 * (skipLibCheck, as most applications set it, and three times faster), but one that is missing or names a missing
 * file fails: the import is an error, or `any`, which the consumer's `@ts-expect-error` uses catch.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { ensureBuilt, root } from './built-library';

const pkg = require(join(root, 'package.json')) as { exports: Record<string, unknown> };
const specifiers = Object.keys(pkg.exports)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? 'queue-otel' : `queue-otel/${key.slice(2)}`));

/** A consumer's file: every entry point by name, and a use of each that `any` would let through. */
function consumerSource(): string {
  const imports = specifiers.map((specifier, i) => `import * as entry${i} from '${specifier}';`);
  const uses = specifiers.map((specifier, i) => [
    `// @ts-expect-error ${specifier} has types: a name it does not export is an error, not any`,
    `void entry${i}.notExportedByQueueOtel;`,
  ].join('\n'));
  return [
    ...imports,
    "import { QueueOtel, QueueSampler } from 'queue-otel';",
    "import { setupTracing } from 'queue-otel/setup';",
    "import type { SetupTracingOptions } from 'queue-otel/setup';",
    "import { Queue } from 'bullmq';",
    ...uses,
    "const options: SetupTracingOptions = { serviceName: 'mailer' };",
    'void setupTracing;',
    "const telemetry = new QueueOtel({ propagation: 'child' });",
    "void new Queue('emails', { connection: { host: '127.0.0.1' }, telemetry });",
    'const sampler: QueueSampler = new QueueSampler({ default: 0.1 });',
    '// @ts-expect-error a QueueOtel is not a string',
    'const notAString: string = telemetry;',
    'export { options, sampler, notAString };',
    '',
  ].join('\n');
}

let dir: string;
beforeAll(() => {
  ensureBuilt();
  // Inside the repository, so that `queue-otel` resolves through node_modules to the package, as installed.
  dir = join(root, '.tmp', `consumer-types-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const source = consumerSource();
  for (const file of ['consumer.ts', 'consumer.mts', 'consumer.cts']) writeFileSync(join(dir, file), source);
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Checked {
  errors: string[];
  /** Where each specifier resolved, relative to the repository. */
  resolved: Record<string, string>;
}

function check(files: string[], options: ts.CompilerOptions): Checked {
  const program = ts.createProgram(files.map((file) => join(dir, file)), {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    types: ['node'],
    skipLibCheck: true,
    ...options,
  });
  const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? relative(root, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  const resolved: Record<string, string> = {};
  for (const file of files) {
    for (const specifier of specifiers) {
      // An import in a .cts file is a require; in .mts, and under bundler resolution in .ts, an ES import.
      const mode = file.endsWith('.cts') ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext;
      const found = ts.resolveModuleName(specifier, join(dir, file), program.getCompilerOptions(), ts.sys, undefined, undefined, mode);
      resolved[`${file} ${specifier}`] = found.resolvedModule ? relative(root, found.resolvedModule.resolvedFileName).split(sep).join('/') : 'unresolved';
    }
  }
  return { errors, resolved };
}

test.each([
  ['nodenext', { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }],
  ['node16', { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }],
])('module %s: ES-module files get the import build\'s types, CommonJS files the require build\'s', (_name, options) => {
  const { errors, resolved } = check(['consumer.mts', 'consumer.cts'], options);
  expect(errors).toEqual([]);
  for (const specifier of specifiers) {
    expect(resolved[`consumer.mts ${specifier}`]).toMatch(/^dist\/esm\/[a-z]+\.d\.mts$/);
    expect(resolved[`consumer.cts ${specifier}`]).toMatch(/^dist\/cjs\/(entries\/)?[a-z]+\.d\.ts$/);
  }
}, 120_000);

test('moduleResolution bundler: every entry point resolves to the import build\'s types', () => {
  const { errors, resolved } = check(['consumer.ts'], { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });
  expect(errors).toEqual([]);
  for (const specifier of specifiers) expect(resolved[`consumer.ts ${specifier}`]).toMatch(/^dist\/esm\/[a-z]+\.d\.mts$/);
}, 120_000);
