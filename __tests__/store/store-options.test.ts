import { ExportResultCode } from '@opentelemetry/core';
import { Redis } from 'ioredis';
import { RedisSpanExporter, SpanStore, TraceJobIndex, storeKeys } from '../../src/store';
import { redisConnection } from '../support/redis';
import { jobSpans, uniquePrefix } from './store-fixtures';

/**
 * The store's numeric options reach Redis as script arguments: before they were checked, `maxTraces: NaN` or
 * `ttlSeconds: Infinity` made every export fail with `ERR value is not an integer or out of range`.
 */
let redis: Redis;
beforeAll(() => { redis = new Redis(redisConnection()); });
afterAll(async () => { await redis.quit(); });

const BAD_EXPORTER_OPTIONS: [Record<string, unknown>, RegExp][] = [
  [{ maxTraces: Number.NaN }, /RedisSpanExporter: maxTraces must be an integer of at least 1, got NaN/],
  [{ maxTraces: 0 }, /maxTraces must be an integer of at least 1, got 0/],
  [{ maxTraces: 2.5 }, /maxTraces must be an integer of at least 1, got 2\.5/],
  [{ maxSpansPerTrace: Infinity }, /maxSpansPerTrace must be an integer of at least 0, got Infinity/],
  [{ maxIndexedJobs: -1 }, /maxIndexedJobs must be an integer of at least 1, got -1/],
  [{ ttlSeconds: Infinity }, /ttlSeconds must be a number above 0 and at most 9007199254740, got Infinity/],
  [{ ttlSeconds: '60' }, /ttlSeconds must be a number above 0 and at most 9007199254740, got "60"/],
  // Past where Redis can set the expiry: every export failed.
  [{ ttlSeconds: 1e16 }, /ttlSeconds must be a number above 0 and at most 9007199254740, got 10000000000000000/],
  [{ exportTimeoutMillis: Number.NaN }, /exportTimeoutMillis must be a number above 0 and at most 2147483647, got NaN/],
  // Node fires a longer timer at once: every export would have timed out at once.
  [{ exportTimeoutMillis: 2 ** 31 }, /exportTimeoutMillis must be a number above 0 and at most 2147483647, got 2147483648/],
];

test.each(BAD_EXPORTER_OPTIONS)('RedisSpanExporter(%p) is a TypeError naming the option', (options, message) => {
  // A URL nothing listens on: had the exporter connected before checking, the client would be left open.
  const build = () => new RedisSpanExporter({ connection: 'redis://127.0.0.1:1', ...options });
  expect(build).toThrow(TypeError);
  expect(build).toThrow(message);
});

test.each([
  [{ maxSpans: Infinity }, /SpanStore: maxSpans must be an integer of at least 1, got Infinity/],
  [{ maxSpans: 0 }, /SpanStore: maxSpans must be an integer of at least 1, got 0/],
])('SpanStore(%p) is a TypeError naming the option', (options, message) => {
  expect(() => new SpanStore({ connection: 'redis://127.0.0.1:1', ...options })).toThrow(message);
});

test.each([
  // Each did nothing before: the option meant kept its default (a reader of another prefix found no trace).
  ['RedisSpanExporter', () => new RedisSpanExporter({ connection: 'redis://127.0.0.1:1', ttl_seconds: 60 } as never), '"ttl_seconds" is not an option of RedisSpanExporter (did you mean ttlSeconds?)'],
  ['RedisSpanExporter', () => new RedisSpanExporter({ connection: 'redis://127.0.0.1:1', maxTrace: 5 } as never), '"maxTrace" is not an option of RedisSpanExporter (did you mean maxTraces?)'],
  ['SpanStore', () => new SpanStore({ connection: 'redis://127.0.0.1:1', key_prefix: 'app' } as never), '"key_prefix" is not an option of SpanStore (did you mean keyPrefix?)'],
  // The index read jobs under BullMQ's default `bull` prefix: every job of a queue with another prefix was `unknown`.
  ['TraceJobIndex', () => new TraceJobIndex({ connection: 'redis://127.0.0.1:1', bull_prefix: 'jobs' } as never), '"bull_prefix" is not an option of TraceJobIndex (did you mean bullPrefix?)'],
])('%s: a name that is no option is a TypeError naming the nearest, before anything connects', (_owner, build, message) => {
  expect(build).toThrow(new TypeError(`queue-otel: ${message}`));
});

test.each([
  [{ maxJobs: Number.NaN }, /TraceJobIndex: maxJobs must be an integer of at least 1, got NaN/],
  [{ maxJobs: 1.5 }, /TraceJobIndex: maxJobs must be an integer of at least 1, got 1\.5/],
])('TraceJobIndex(%p) is a TypeError naming the option', (options, message) => {
  expect(() => new TraceJobIndex({ connection: 'redis://127.0.0.1:1', ...options })).toThrow(message);
});

test('valid options, fractional durations and a cap of 0 spans per trace included, store as before', async () => {
  const keyPrefix = uniquePrefix();
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, ttlSeconds: 90.5, exportTimeoutMillis: 2500.5, maxSpansPerTrace: 0, maxTraces: 3 });
  const spans = await jobSpans(4, { perTrace: 2 });
  const result = await new Promise<{ code: number }>((resolve) => exporter.export(spans, resolve));
  expect(result.code).toBe(ExportResultCode.SUCCESS);
  expect(exporter.stats()).toMatchObject({ exports: 1, storedSpans: 0, droppedSpans: spans.length });
  await exporter.shutdown();
});

/**
 * The key layout relies on cluster hash tags: `{<traceId>}` for a trace's keys, `{<prefix>}` for the global ones. A
 * brace in the prefix moves the tag into the prefix (`{qo}`: the whole store on one node; `{}`: an empty tag Redis
 * ignores, so one trace's keys land in different slots and every write fails), and so does an empty prefix.
 */
const BAD_PREFIXES: [unknown, RegExp][] = [
  ['{qo}', /keyPrefix must not contain "\{" or "\}" .*got "\{qo\}"/],
  ['{}', /keyPrefix must not contain "\{" or "\}" .*got "\{\}"/],
  ['app}', /keyPrefix must not contain .*got "app\}"/],
  ['', /keyPrefix must not be empty, got ""/],
  [42, /keyPrefix must be a string, got 42/],
];
const READERS_AND_WRITER: [string, (keyPrefix: unknown) => unknown][] = [
  ['RedisSpanExporter', (keyPrefix) => new RedisSpanExporter({ connection: 'redis://127.0.0.1:1', keyPrefix } as never)],
  ['SpanStore', (keyPrefix) => new SpanStore({ connection: 'redis://127.0.0.1:1', keyPrefix } as never)],
  ['TraceJobIndex', (keyPrefix) => new TraceJobIndex({ connection: 'redis://127.0.0.1:1', keyPrefix } as never)],
];

describe.each(READERS_AND_WRITER)('%s', (owner, build) => {
  test.each(BAD_PREFIXES)('keyPrefix %p is a TypeError naming the option and the value, before connecting', (keyPrefix, message) => {
    // A URL nothing listens on: had the constructor connected before checking, the client would be left open.
    expect(() => build(keyPrefix)).toThrow(TypeError);
    expect(() => build(keyPrefix)).toThrow(new RegExp(`queue-otel: ${owner}: ${message.source}`));
  });
});

test('storeKeys refuses a prefix that breaks the hash tags too', () => {
  expect(() => storeKeys('{qo}')).toThrow(/storeKeys: the key prefix must not contain "\{" or "\}"/);
});

test('any other prefix works: spaces and colons included (Redis keys are binary-safe)', async () => {
  const keyPrefix = `${uniquePrefix()} app:store`;
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix });
  const store = new SpanStore({ connection: redis, keyPrefix });
  const spans = await jobSpans(2, { perTrace: 2 });
  const result = await new Promise<{ code: number }>((resolve) => exporter.export(spans, resolve));
  expect(result.code).toBe(ExportResultCode.SUCCESS);
  const traceId = spans[0]!.spanContext().traceId;
  expect((await store.getTrace(traceId)).length).toBe(2);
  expect((await store.listTraces()).map((summary) => summary.traceId)).toEqual([traceId]);
  await exporter.shutdown();
  await store.close();
});
