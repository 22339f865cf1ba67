import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { redisUrl, uniqueQueueName } from '../support/redis';
import { ensureBuilt, root } from './built-library';

interface ExportTarget {
  source: string;
  import: { types: string; default: string };
  require: { types: string; default: string };
}

const pkg = require(join(root, 'package.json')) as { version: string; exports: Record<string, ExportTarget | string> };
/** Every entry point as an application imports it: `queue-otel`, `queue-otel/store` ... */
const specifiers = Object.keys(pkg.exports)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? 'queue-otel' : `queue-otel/${key.slice(2)}`));

beforeAll(ensureBuilt, 240_000);

/** Runs node as an application would: no `source` condition, so `queue-otel` is the build in dist/. */
function node(args: string[], env: Record<string, string> = {}): string {
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', ...env } });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

test('the package loads with require and with import, exporting the same QueueOtel', () => {
  expect(node(['-e', "const m = require('queue-otel'); process.stdout.write(typeof m.QueueOtel)"])).toBe('function');
  const esm = node([
    '--input-type=module',
    '-e',
    "import { QueueOtel } from 'queue-otel'; import { createRequire } from 'node:module'; const cjs = createRequire(import.meta.url)('queue-otel'); process.stdout.write(String(QueueOtel === cjs.QueueOtel))",
  ]);
  expect(esm).toBe('true');
});

test('every entry point lists its TypeScript source first, then import and require builds with their types', () => {
  expect(specifiers).toEqual(expect.arrayContaining(['queue-otel', 'queue-otel/setup', 'queue-otel/export', 'queue-otel/metrics',
    'queue-otel/store', 'queue-otel/observer', 'queue-otel/config', 'queue-otel/traces']));
  for (const [key, target] of Object.entries(pkg.exports)) {
    if (key === './package.json') continue;
    expect(typeof target).toBe('object');
    const entry = target as ExportTarget;
    expect(Object.keys(entry)).toEqual(['source', 'import', 'require']);
    expect(Object.keys(entry.import)).toEqual(['types', 'default']);
    expect(Object.keys(entry.require)).toEqual(['types', 'default']);
    for (const file of [entry.source, entry.import.types, entry.import.default, entry.require.types, entry.require.default]) {
      expect(existsSync(join(root, file))).toBe(true);
    }
  }
});

interface LoadedEntry {
  esmNames: string[];
  cjsNames: string[];
  /** Names whose value differs between import and require. */
  different: string[];
  /** Whether require resolved the entry into dist/ (not to the TypeScript sources). */
  fromDist: boolean;
}

/** Loads every entry point with import and with require in one child (the ESM wrappers re-export the CJS build). */
function loadEveryEntry(): Record<string, LoadedEntry> {
  const script = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const result = {};
    for (const specifier of ${JSON.stringify(specifiers)}) {
      const esm = await import(specifier);
      const cjs = require(specifier);
      const esmNames = Object.keys(esm).filter((n) => n !== 'default').sort();
      const cjsNames = Object.keys(cjs).filter((n) => n !== '__esModule' && n !== 'default').sort();
      result[specifier] = {
        esmNames,
        cjsNames,
        different: esmNames.filter((n) => esm[n] !== cjs[n]),
        fromDist: require.resolve(specifier).startsWith(${JSON.stringify(join(root, 'dist'))}),
      };
    }
    process.stdout.write(JSON.stringify(result));
  `;
  return JSON.parse(node(['--input-type=module', '-e', script])) as Record<string, LoadedEntry>;
}

let loaded: Record<string, LoadedEntry> | undefined;
const entries = (): Record<string, LoadedEntry> => (loaded ??= loadEveryEntry());

test('every entry point exports the same objects through require and import (one implementation)', () => {
  expect(Object.keys(entries()).sort()).toEqual([...specifiers].sort());
  for (const [specifier, { esmNames, cjsNames, different, fromDist }] of Object.entries(entries())) {
    expect({ specifier, fromDist }).toEqual({ specifier, fromDist: true });
    expect(esmNames.length).toBeGreaterThan(0);
    expect({ specifier, names: esmNames }).toEqual({ specifier, names: cjsNames });
    expect({ specifier, different }).toEqual({ specifier, different: [] });
  }
});

test('the root entry is the instrumentation: the add-ons are behind their subpaths, not in its export list', () => {
  const names = entries()['queue-otel']?.cjsNames ?? [];
  expect(names).toEqual(expect.arrayContaining(['QueueOtel', 'QueueSampler', 'Sanitizer', 'SanitizingSpanProcessor', 'jobContext', 'PACKAGE_VERSION']));
  const addOns: Record<string, string[]> = {
    'queue-otel/setup': ['setupTracing', 'DEFAULT_OTLP_ENDPOINT'],
    'queue-otel/export': ['ResilientSpanExporter', 'TraceLimitSpanProcessor', 'CircuitBreaker', 'spanLimitsFrom'],
    'queue-otel/metrics': ['QueueMetrics', 'createBullmqMeter', 'startMetricsServer', 'TracingHealthMetrics'],
    'queue-otel/store': ['RedisSpanExporter', 'SpanStore', 'TraceJobIndex'],
    'queue-otel/observer': ['QueueEventsObserver'],
    'queue-otel/config': ['loadConfig', 'ConfigError'],
    'queue-otel/traces': ['JaegerTraceSource', 'renderWaterfallText', 'buildTraceUrl', 'osc8Link'],
  };
  for (const [specifier, moved] of Object.entries(addOns)) {
    expect({ specifier, inRoot: names.filter((name) => moved.includes(name)) }).toEqual({ specifier, inRoot: [] });
    expect({ specifier, exports: entries()[specifier]?.cjsNames }).toEqual({ specifier, exports: expect.arrayContaining(moved) });
  }
  // A development helper of the CLI package, not the library's.
  expect(names).not.toContain('startEmbeddedRedis');
});

test('an ES-module application gets job details and error classes from bullmq\'s ESM build', () => {
  const out = node([join(__dirname, '..', 'fixtures', 'processes', 'esm-worker.mjs')], { REDIS_URL: redisUrl(), QUEUE: uniqueQueueName('esm') });
  expect(JSON.parse(out)).toEqual({ attempt: 1, errorType: 'RangeError' });
});

test('the reported version matches package.json', () => {
  const { PACKAGE_VERSION } = require(join(root, 'dist', 'cjs', 'index.js')) as { PACKAGE_VERSION: string };
  expect(PACKAGE_VERSION).toBe(pkg.version);
});
