import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Redis } from 'ioredis';
import { RedisSpanExporter, SpanStore, SpanStoreDefaults, TraceJobIndex, storeKeys } from '../../src/store';
import { redisConnection } from '../support/redis';
import { jobSpans, uniquePrefix } from './store-fixtures';

// The reader takes whatever is in Redis: another process, an older build or a hand-edited key may have
// written it. A bad entry must cost that entry, not the listing, the trace or the replay.

let redis: Redis;
beforeAll(() => { redis = new Redis(redisConnection()); });
afterAll(async () => { await redis.quit(); });

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

async function store(exporter: RedisSpanExporter, spans: ReadableSpan[]): Promise<void> {
  const result = await new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(spans, resolve));
  if (result.code !== ExportResultCode.SUCCESS) throw result.error ?? new Error('export failed');
}

test('a listed trace whose keys are of the wrong Redis type, or whose id or numbers are bad, is skipped, not the listing', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix });
  const spans = await jobSpans(2, { perTrace: 1 });
  await store(exporter, spans);
  const now = Date.now();
  const wrongType = 'a'.repeat(32);
  const badNumbers = 'b'.repeat(32);
  await redis.set(keys.meta(wrongType), 'not a hash');
  await redis.hset(keys.meta(badNumbers), { s: '1e400', e: '2', c: 'many', d: String(2 ** 60) });
  await redis.hset(keys.meta('x'.repeat(1000)), { s: '1', e: '2' });
  await redis.zadd(keys.traces(), now + 1, wrongType, now + 2, badNumbers, now + 3, 'x'.repeat(1000));
  const reader = new SpanStore({ connection: redis, keyPrefix });

  const listed = await reader.listTraces({ limit: 10 });

  expect(listed.map((t) => t.traceId).sort()).toEqual(spans.map((s) => s.spanContext().traceId).sort());
  expect(reader.stats().skippedTraces).toBe(3);
  await exporter.shutdown();
});

test('getTrace on a key of the wrong Redis type is an empty trace, counted as skipped', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  await redis.set(keys.spans(TRACE), 'not a list');
  const reader = new SpanStore({ connection: redis, keyPrefix });

  await expect(reader.getTrace(TRACE)).resolves.toEqual([]);
  expect(reader.stats().skippedTraces).toBe(1);
});

test('getTrace drops entries that do not fit the span model and reports them', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const good = { i: SPAN, n: 'ok', k: 0, s: 10, e: 20, v: 'svc', a: { keep: 'x', nested: { deep: 1 }, mixed: [1, 'a'], list: [1, 2], nil: null } };
  await redis.rpush(keys.spans(TRACE),
    JSON.stringify(good),
    JSON.stringify({ ...good, i: '1111111111111111', s: 2 ** 60, e: 2 ** 60 + 10 }), // beyond 2^53: not exact
    JSON.stringify({ ...good, i: 'not-a-span-id' }),
    JSON.stringify({ ...good, i: '2222222222222222', p: { id: 1 }, x: [['e', 1e300], ['ok', 15, { n: { a: 1 } }]], l: [['zz', SPAN], [TRACE, SPAN]] }),
    Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    'not json');
  const reader = new SpanStore({ connection: redis, keyPrefix });

  const spans = await reader.getTrace(TRACE);

  expect(spans.map((s) => s.spanId).sort()).toEqual([SPAN, '2222222222222222']);
  expect(spans[0]?.attributes).toEqual({ keep: 'x', list: [1, 2] });
  const other = spans.find((s) => s.spanId === '2222222222222222')!;
  expect(other.parentSpanId).toBeUndefined();
  expect(other.events).toEqual([{ name: 'ok', timeUs: 15, attributes: {} }]);
  expect(other.links).toEqual([{ traceId: TRACE, spanId: SPAN, attributes: {} }]);
  expect(reader.stats().skippedSpans).toBe(4);
});

test('getTrace reads at most maxSpans entries of a huge list and reports the rest as skipped', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const entry = JSON.stringify({ i: SPAN, n: 'n', k: 0, s: 1, e: 2, v: 's' });
  // 200 000 spans in one trace, ten times what the reader is told to read.
  const chunk = new Array<string>(10_000).fill(entry);
  const pipeline = redis.pipeline();
  for (let i = 0; i < 20; i += 1) pipeline.rpush(keys.spans(TRACE), ...chunk);
  await pipeline.exec();
  const reader = new SpanStore({ connection: redis, keyPrefix, maxSpans: 20_000 });

  const spans = await reader.getTrace(TRACE);

  expect(spans).toHaveLength(20_000);
  expect(reader.stats().skippedSpans).toBe(180_000);
  await redis.del(keys.spans(TRACE));
});

test('the job index reads of keys of the wrong type, and of BullMQ keys of the wrong type, do not throw', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const bullPrefix = `${keyPrefix}-bull`;
  await redis.set(keys.jobs(TRACE), 'not a hash');
  await redis.set(keys.jobTraces(), 'not a hash');
  await redis.set(`${bullPrefix}:mail:1`, 'not a hash');
  const index = new TraceJobIndex({ connection: redis, keyPrefix, bullPrefix });

  await expect(index.jobsOfTrace(TRACE)).resolves.toEqual([]);
  await expect(index.tracesOfJob('mail', '1')).resolves.toEqual([]);
  await expect(index.traceIdFromJob('mail', '1')).resolves.toBeUndefined();
  await index.close();
  await redis.del(keys.jobTraces(), `${bullPrefix}:mail:1`);
});

test('jobsOfTrace lists at most maxJobs of a huge jobs hash, and a job BullMQ cannot read is reported unknown', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const bullPrefix = `${keyPrefix}-bull`;
  const fields: string[] = [];
  for (let i = 0; i < 5000; i += 1) fields.push(JSON.stringify(['mail', String(i)]), '');
  await redis.hset(keys.jobs(TRACE), ...fields);
  await redis.set(`${bullPrefix}:mail:0`, 'not a hash');
  const index = new TraceJobIndex({ connection: redis, keyPrefix, bullPrefix, maxJobs: 100 });

  const jobs = await index.jobsOfTrace(TRACE, { withState: true });

  expect(jobs.length).toBeLessThanOrEqual(100);
  expect(jobs.length).toBeGreaterThan(0);
  expect(jobs.every((job) => job.state === 'unknown')).toBe(true);
  await index.close();
  await redis.del(keys.jobs(TRACE), `${bullPrefix}:mail:0`);
});

test('a buffered trace whose keys are of the wrong type does not block the replay of the others', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, buffer: true });
  await redis.zadd(keys.pending(), '0', TRACE);
  await redis.set(keys.spans(TRACE), 'not a list');
  const spans = await jobSpans(3, { perTrace: 1 });
  await store(exporter, spans);

  const batch = await exporter.readBuffered(100);
  await batch.markForwarded();

  expect(batch.spans).toHaveLength(3);
  expect(await redis.zrange(keys.pending(), '0', '-1')).toEqual([]);
  await exporter.shutdown();
  await redis.del(keys.spans(TRACE));
});

test('a buffered trace whose forwarded count is not a number (the read script fails on it) leaves the replay too', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, buffer: true });
  await redis.zadd(keys.pending(), '0', TRACE);
  await redis.rpush(keys.spans(TRACE), 'x');
  await redis.hset(keys.meta(TRACE), 'f', 'not a number');
  const spans = await jobSpans(2, { perTrace: 1 });
  await store(exporter, spans);

  const batch = await exporter.readBuffered(100);
  await batch.markForwarded();

  expect(batch.spans).toHaveLength(2);
  expect(await redis.zrange(keys.pending(), '0', '-1')).toEqual([]);
  await exporter.shutdown();
  await redis.del(keys.spans(TRACE), keys.meta(TRACE));
});

/** A well-formed record of exactly `length` characters (the padding is in an attribute). */
function recordOfLength(spanId: string, length: number): string {
  const base = JSON.stringify({ i: spanId, n: 'padded', k: 0, s: 1, e: 2, v: 'svc', a: { pad: '' } });
  return JSON.stringify({ i: spanId, n: 'padded', k: 0, s: 1, e: 2, v: 'svc', a: { pad: 'x'.repeat(length - base.length) } });
}

test('a span record longer than SpanStoreDefaults.maxSpanRecordLength is skipped and counted without being parsed', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const limit = SpanStoreDefaults.maxSpanRecordLength;
  expect(limit).toBe(1024 * 1024);
  // As another process could write them: one record at the limit (kept), one a character past it (refused).
  await redis.rpush(keys.spans(TRACE), recordOfLength(SPAN, limit), recordOfLength('3333333333333333', limit + 1));
  const reader = new SpanStore({ connection: redis, keyPrefix });

  const spans = await reader.getTrace(TRACE);

  expect(spans.map((s) => s.spanId)).toEqual([SPAN]);
  expect(reader.stats().skippedSpans).toBe(1);
  await redis.del(keys.spans(TRACE));
});

test('the fallback buffer skips a record past the limit too, and replays the rest of the trace', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, buffer: true });
  const spans = await jobSpans(2, { perTrace: 2 });
  await store(exporter, spans.slice(0, 1));
  const traceId = spans[0]!.spanContext().traceId;
  await redis.rpush(keys.spans(traceId), recordOfLength('3333333333333333', SpanStoreDefaults.maxSpanRecordLength + 1));
  await store(exporter, spans.slice(1));

  const batch = await exporter.readBuffered(100);
  await batch.markForwarded();

  expect(batch.spans.map((s) => s.spanContext().spanId).sort()).toEqual(spans.map((s) => s.spanContext().spanId).sort());
  expect(await redis.zrange(keys.pending(), '0', '-1')).toEqual([]);
  await exporter.shutdown();
});

/** Bytes the client has received from Redis so far (its socket's count). */
function bytesRead(client: Redis): number {
  return (client as unknown as { stream: { bytesRead: number } }).stream.bytesRead;
}

test('a huge foreign record is not transferred to the reader: getTrace and the fallback buffer get it blank, and count it', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, buffer: true });
  const spans = await jobSpans(2, { perTrace: 2 });
  await store(exporter, spans);
  const traceId = spans[0]!.spanContext().traceId;
  const huge = 8 * 1024 * 1024;
  await redis.rpush(keys.spans(traceId), 'x'.repeat(huge));
  // Its own connection, so that the bytes it reads are this test's reads only.
  const client = new Redis(redisConnection());
  try {
    await client.ping();
    const reader = new SpanStore({ connection: client, keyPrefix });
    const before = bytesRead(client);

    const read = await reader.getTrace(traceId);
    const buffered = await new RedisSpanExporter({ connection: client, keyPrefix, buffer: true }).readBuffered(100);

    expect(read.map((s) => s.spanId).sort()).toEqual(spans.map((s) => s.spanContext().spanId).sort());
    expect(buffered.spans).toHaveLength(2);
    expect(reader.stats().skippedSpans).toBe(1);
    expect(bytesRead(client) - before).toBeLessThan(64 * 1024);
  } finally {
    client.disconnect();
    await exporter.shutdown();
    await redis.del(keys.spans(traceId), keys.meta(traceId));
  }
});

test('a reader whose Redis user may not run scripts still reads the trace (oversized records then skipped after transfer)', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix });
  const spans = await jobSpans(2, { perTrace: 2 });
  await store(exporter, spans);
  const traceId = spans[0]!.spanContext().traceId;
  await redis.rpush(keys.spans(traceId), recordOfLength('3333333333333333', SpanStoreDefaults.maxSpanRecordLength + 1));
  await redis.set(keys.spans(TRACE), 'not a list');
  // A user of this test's own: reads allowed, scripts not (as an operator may give a dashboard).
  const user = `qo-reader-${keyPrefix}`;
  await redis.call('ACL', 'SETUSER', user, 'on', '>reader-pw', '~*', '+@read', '+@connection', '-@scripting');
  const client = new Redis({ ...redisConnection(), username: user, password: 'reader-pw', enableReadyCheck: false });
  try {
    const reader = new SpanStore({ connection: client, keyPrefix });

    const read = await reader.getTrace(traceId);

    expect(read.map((s) => s.spanId).sort()).toEqual(spans.map((s) => s.spanContext().spanId).sort());
    expect(await reader.getTrace(TRACE)).toEqual([]);
    expect(reader.stats()).toEqual({ skippedSpans: 1, skippedTraces: 1 });
  } finally {
    client.disconnect();
    await redis.call('ACL', 'DELUSER', user);
    await exporter.shutdown();
    await redis.del(keys.spans(traceId), keys.meta(traceId), keys.spans(TRACE));
  }
});
