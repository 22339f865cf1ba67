import { ExportResultCode } from '@opentelemetry/core';
import { Redis } from 'ioredis';
import { RedisSpanExporter, SpanStore, TraceJobIndex } from '../../src/store';
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
