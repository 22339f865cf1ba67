/**
 * What importing a package costs on top of bullmq, measured in a fresh node process as an application would load
 * it (no `source` condition: `queue-otel` is the build in dist/). Shared by benchmarks/import-cost.ts and the root
 * import guard test (__tests__/package/root-import.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The repository root, where `queue-otel` and its devDependencies resolve. */
export const repositoryRoot = join(__dirname, '..');

/** Modules one import loaded (file paths; `node:` built-ins are not counted) and the time it took. */
export interface ImportCost {
  /** Files loaded by the import that were not loaded by bullmq before it. */
  modules: string[];
  /** Wall time of the import, in milliseconds. */
  ms: number;
  /** Files bullmq itself had loaded before. */
  before: string[];
}

const CJS_PROBE = `
const { performance } = require('node:perf_hooks');
require('bullmq');
const before = new Set(Object.keys(require.cache));
const start = performance.now();
require(process.env.PROBE_SPECIFIER);
const ms = performance.now() - start;
const modules = Object.keys(require.cache).filter((file) => !before.has(file));
process.stdout.write(JSON.stringify({ modules, ms, before: [...before] }));
`;

// ES modules are not in require.cache: a resolve hook (module.register, off-thread) posts every URL it resolves.
// CommonJS files that ES modules load (queue-otel's ESM entries re-export its CommonJS build) are in require.cache.
const ESM_HOOKS = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.startsWith('file:')) port.postMessage(result.url);
  return result;
}
`;

const ESM_PROBE = `
import { register, createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
const require = createRequire(process.cwd() + '/');
const { port1, port2 } = new MessageChannel();
const urls = [];
port1.on('message', (url) => urls.push(url));
port1.unref();
register('data:text/javascript,' + encodeURIComponent(process.env.PROBE_HOOKS), { data: { port: port2 }, transferList: [port2] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
await import('bullmq');
await settle();
const seen = () => new Set([...urls.map((url) => fileURLToPath(url)), ...Object.keys(require.cache)]);
const before = seen();
const start = performance.now();
await import(process.env.PROBE_SPECIFIER);
const ms = performance.now() - start;
await settle();
const modules = [...seen()].filter((file) => !before.has(file));
process.stdout.write(JSON.stringify({ modules, ms, before: [...before] }));
`;

/** Imports `specifier` after bullmq in a fresh node process, with `require` or `import`. */
export function probeImport(specifier: string, mode: 'require' | 'import'): ImportCost {
  const args = mode === 'require' ? ['-e', CJS_PROBE] : ['--input-type=module', '-e', ESM_PROBE];
  const run = spawnSync(process.execPath, ['--no-warnings', ...args], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', PROBE_SPECIFIER: specifier, PROBE_HOOKS: ESM_HOOKS },
  });
  if (run.status !== 0) throw new Error(`probing ${mode} ${specifier} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ImportCost;
}

/** Packages the root import must never load (issue 18): the SDK, exporters, gRPC, protobuf, metrics, the CLI's UI. */
export const FORBIDDEN_PACKAGES = [
  '@opentelemetry/sdk-node',
  '@opentelemetry/sdk-trace-base',
  '@opentelemetry/sdk-trace-node',
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/exporter-*',
  '@grpc/*',
  'protobufjs',
  'prom-client',
  'ioredis',
  'yaml',
  'ink',
  'react',
] as const;

/** The package a file in node_modules belongs to (`@scope/name` or `name`), or undefined outside node_modules. */
export function packageOf(file: string): string | undefined {
  const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file.slice(file.lastIndexOf('node_modules')));
  return match?.[1]?.replace('\\', '/');
}

/** Whether a package name matches one of {@link FORBIDDEN_PACKAGES}. */
export function isForbidden(name: string): boolean {
  return FORBIDDEN_PACKAGES.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
}

/**
 * The forbidden packages the import loaded files of. Files bullmq had loaded already are not in `modules`: ioredis
 * counts only when the import loads a copy (or files) of it that bullmq did not.
 */
export function forbiddenIn(cost: ImportCost): string[] {
  const names = new Set(cost.modules.map(packageOf).filter((name): name is string => name !== undefined));
  return [...names].filter(isForbidden).sort();
}
