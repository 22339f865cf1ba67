import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as metricsEntry from '../../src/entries/metrics';
import * as tracesEntry from '../../src/entries/traces';
import * as rootEntry from '../../src/index';

/**
 * Names the documents tell users to import exist at the entry point the documents name: a function documented but
 * reachable only through an internal path is a doc that cannot be followed.
 */
const docs = join(__dirname, '..', '..', 'docs');
const read = (name: string): string => readFileSync(join(docs, name), 'utf8');

/** Every backticked identifier in `text` that matches `pattern` (anchored to the whole identifier). */
function namesIn(text: string, pattern: RegExp): string[] {
  return [...new Set([...text.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)].map((m) => m[1]!).filter((name) => pattern.test(name)))];
}

test('the parsers trace-backends.md describes are exported from queue-otel/traces', () => {
  const parsers = namesIn(read('trace-backends.md'), /^parse[A-Z]/);
  expect(parsers.length).toBeGreaterThanOrEqual(8);
  for (const name of parsers) expect([name, typeof (tracesEntry as Record<string, unknown>)[name]]).toEqual([name, 'function']);
});

test('the functions and classes of metrics.md\'s API block are exported from queue-otel/metrics', () => {
  const doc = read('metrics.md');
  const start = doc.indexOf('API (exported from `queue-otel/metrics`)');
  const block = doc.slice(doc.indexOf('```ts', start), doc.indexOf('```\n', doc.indexOf('```ts', start) + 5));
  // Lines that construct a class or call a free function (members such as `metrics.registry` are the class's).
  const names = [...block.matchAll(/^(?:new )?([A-Za-z]\w*)\(/gm)].map((m) => m[1]!);
  expect(names).toEqual(expect.arrayContaining(['QueueMetrics', 'jobTimings']));
  for (const name of names) expect([name, typeof (metricsEntry as Record<string, unknown>)[name]]).toEqual([name, 'function']);
});

test('the default attribute lists security.md builds on are exported from queue-otel', () => {
  const lists = namesIn(read('security.md'), /^DEFAULT_[A-Z_]+$/);
  expect(lists).toEqual(expect.arrayContaining(['DEFAULT_ALLOWED_ATTRIBUTES', 'DEFAULT_BLOCKED_ATTRIBUTES']));
  for (const name of lists) expect([name, Array.isArray((rootEntry as Record<string, unknown>)[name])]).toEqual([name, true]);
});
