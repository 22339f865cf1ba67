import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { redisUrl, uniqueQueueName } from '../support/redis';

const root = join(__dirname, '..', '..');

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'pipe' });
}, 120_000);

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

test('an ES-module application gets job details and error classes from bullmq\'s ESM build', () => {
  const out = node([join(__dirname, '..', 'fixtures', 'processes', 'esm-worker.mjs')], { REDIS_URL: redisUrl(), QUEUE: uniqueQueueName('esm') });
  expect(JSON.parse(out)).toEqual({ attempt: 1, errorType: 'RangeError' });
});

test('the reported version matches package.json', () => {
  const pkg = require(join(root, 'package.json')) as { version: string };
  const { PACKAGE_VERSION } = require(join(root, 'dist', 'cjs', 'index.js')) as { PACKAGE_VERSION: string };
  expect(PACKAGE_VERSION).toBe(pkg.version);
});
