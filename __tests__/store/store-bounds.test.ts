import { randomUUID } from 'node:crypto';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Redis } from 'ioredis';
import { context, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { RedisSpanExporter, SpanStore, SpanStoreDefaults, TraceJobIndex, storeKeys } from '../../src/store';
import { fromReadableSpan } from '../../src/store/from-readable-span';
import { jobDigest } from '../../src/store/keys';
import { planWrites } from '../../src/store/write-plan';
import { redisConnection } from '../support/redis';
import { eventually, jobSpans, uniquePrefix } from './store-fixtures';

let redis: Redis;
beforeAll(() => { redis = new Redis(redisConnection()); });
afterAll(async () => { await redis.quit(); });

async function store(exporter: RedisSpanExporter, spans: ReadableSpan[]): Promise<void> {
  const result = await new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(spans, resolve));
  if (result.code !== ExportResultCode.SUCCESS) throw result.error ?? new Error('export failed');
}

async function keysMatching(pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    found.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

const traceIdOf = (span: ReadableSpan): string => span.spanContext().traceId;

test('every key the store writes expires, its TTL refreshed by every write', async () => {
  const keyPrefix = uniquePrefix();
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, buffer: true, ttlSeconds: 100 });
  const spans = await jobSpans(40, { perTrace: 4 });
  await store(exporter, spans.slice(0, 20));
  const batch = await exporter.readBuffered(100);
  await batch.markForwarded();
  await store(exporter, spans.slice(20));

  const keys = storeKeys(keyPrefix);
  const written = await keysMatching(`${keyPrefix}:*`);
  // Every kind of key is there: per trace spans, meta and jobs; the trace list, pending set, sequence and the job index.
  expect(written).toEqual(expect.arrayContaining([
    keys.traces(), keys.pending(), keys.sequence(),
    keys.spans(traceIdOf(spans[0]!)), keys.meta(traceIdOf(spans[0]!)), keys.jobs(traceIdOf(spans[0]!)),
  ]));
  expect(written.length).toBeGreaterThanOrEqual(10 * 3 + 3 + 2);
  for (const key of written) {
    const ttl = await redis.pttl(key);
    expect({ key, expires: ttl > 0 && ttl <= 100_000 }).toEqual({ key, expires: true });
  }
  await exporter.shutdown();
});

test('with maxTraces small, the keys and the job index stay bounded however many jobs are written', async () => {
  const keyPrefix = uniquePrefix();
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, maxTraces: 3 });
  // 200 traces of 2 spans, each span naming its own job (as a job scheduler every 10 ms would).
  const spans = await jobSpans(400, { perTrace: 2 });
  for (let i = 0; i < spans.length; i += 50) await store(exporter, spans.slice(i, i + 50));

  const keys = storeKeys(keyPrefix);
  const written = await keysMatching(`${keyPrefix}:*`);
  expect(written.length).toBeLessThanOrEqual(3 * 3 + 4); // 3 traces × (spans, meta, jobs) + 4 global keys
  expect(await redis.hlen(keys.jobTraces())).toBe(6); // default cap: 2 × maxTraces
  expect(await redis.zcard(keys.jobTimes())).toBe(6);
  // The least recently written jobs are forgotten (jobs of one batch count as written together).
  const latest = await jobSpans(1, { jobPrefix: 'latest' });
  await store(exporter, latest);
  const index = new TraceJobIndex({ connection: redis, keyPrefix });
  expect(await index.tracesOfJob('mail', 'latest-0')).toEqual([traceIdOf(latest[0]!)]);
  expect(await index.tracesOfJob('mail', 'job-0')).toEqual([]);
  await index.close();
  await exporter.shutdown();
});

test('maxIndexedJobs caps the job index; a trace lists at most maxSpansPerTrace jobs', async () => {
  const keyPrefix = uniquePrefix();
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, maxIndexedJobs: 4, maxSpansPerTrace: 5 });
  const spans = await jobSpans(20, { perTrace: 20 }); // one trace naming 20 jobs
  await store(exporter, spans.slice(0, 10));
  await store(exporter, spans.slice(10));
  const keys = storeKeys(keyPrefix);
  expect(await redis.hlen(keys.jobs(traceIdOf(spans[0]!)))).toBe(5);
  expect(await redis.hlen(keys.jobTraces())).toBe(4);
  await exporter.shutdown();
});

test('a batch with more spans of one trace than maxSpansPerTrace sends only what can be stored; every dropped span is counted', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, maxSpansPerTrace: 5 });
  const spans = await jobSpans(53, { perTrace: 53 }); // one trace; its root ends last, past the cap
  const traceId = traceIdOf(spans[0]!);
  // What the writer sends: the plan's records, 5 of the trace's 50 (the rest only counted). Read from the plan, not
  // with MONITOR: on the tests' shared Redis, ioredis' monitor mode fails on other files' Lua-internal commands.
  const [write] = planWrites(spans.slice(0, 50).map(fromReadableSpan), 5);
  expect(write).toMatchObject({ traceId, notSent: 45 });
  expect(write!.spans).toHaveLength(5);
  await store(exporter, spans.slice(0, 50));
  expect(exporter.stats()).toMatchObject({ storedSpans: 5, droppedSpans: 45 });
  // The cap still holds across batches (the script enforces it): the next batch's spans are all dropped.
  await store(exporter, spans.slice(50));
  expect(exporter.stats()).toMatchObject({ storedSpans: 5, droppedSpans: 48 });
  expect(await redis.llen(keys.spans(traceId))).toBe(5);
  const reader = new SpanStore({ connection: redis, keyPrefix });
  // The summary counts every dropped span, and still reflects spans that were not sent (the root ended last).
  expect(await reader.listTraces()).toEqual([expect.objectContaining({ traceId, spanCount: 5, droppedSpans: 48, rootName: 'send mail 0' })]);
  await reader.close();
  await exporter.shutdown();
});

test('a span whose record would be longer than the readers accept is not written: dropped and counted', async () => {
  const keyPrefix = uniquePrefix();
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix });
  // No sanitizer or SDK length limit in front of the exporter: nothing else stops a 2 MB attribute value.
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] });
  const tracer = provider.getTracer('store-test');
  const root = tracer.startSpan('root');
  tracer.startSpan('huge', { attributes: { blob: 'x'.repeat(2 * SpanStoreDefaults.maxSpanRecordLength) } }, trace.setSpan(context.active(), root)).end();
  root.end();
  await store(exporter, memory.getFinishedSpans());
  await provider.shutdown();

  expect(exporter.stats()).toMatchObject({ storedSpans: 1, droppedSpans: 1 });
  const traceId = root.spanContext().traceId;
  const records = await redis.lrange(storeKeys(keyPrefix).spans(traceId), 0, -1);
  expect(records.map((record) => (JSON.parse(record) as { n: string }).n)).toEqual(['root']);
  const reader = new SpanStore({ connection: redis, keyPrefix });
  expect(await reader.listTraces()).toEqual([expect.objectContaining({ traceId, spanCount: 1, droppedSpans: 1, rootName: 'root' })]);
  await reader.close();
  await exporter.shutdown();
});

test('traces and jobs older than the TTL leave every index, the pending set included', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, buffer: true, ttlSeconds: 2 });
  const [old, middle, fresh] = [await jobSpans(1, { jobPrefix: 'old' }), await jobSpans(1, { jobPrefix: 'middle' }), await jobSpans(1, { jobPrefix: 'fresh' })];
  await store(exporter, old);
  const oldTrace = traceIdOf(old[0]!);
  // A later write keeps the global keys alive while the first trace's own keys expire.
  await eventually('half the TTL gone', async () => (await redis.pttl(keys.spans(oldTrace))) < 1_000);
  await store(exporter, middle);
  await eventually('the first trace expired', async () => (await redis.exists(keys.spans(oldTrace))) === 0);
  await store(exporter, fresh);
  const freshTrace = traceIdOf(fresh[0]!);
  for (const index of [keys.traces(), keys.pending()]) {
    const members = await redis.zrange(index, '0', '-1');
    expect(members).toContain(freshTrace);
    expect(members).not.toContain(oldTrace);
  }
  expect(await redis.hexists(keys.jobTraces(), jobDigest('mail', 'old-0'))).toBe(0);
  expect(await redis.hexists(keys.jobTraces(), jobDigest('mail', 'fresh-0'))).toBe(1);
  await exporter.shutdown();
});

test('no key name holds a job id (or queue name); the index still finds the job\'s traces from them', async () => {
  const keyPrefix = uniquePrefix();
  const email = `jane.${randomUUID().slice(0, 8)}@example.com`;
  const queue = `signup-${randomUUID().slice(0, 8)}`;
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix });
  const spans = await jobSpans(3, { perTrace: 3, jobPrefix: `user-${email}`, queue });
  await store(exporter, spans);
  expect(await keysMatching(`${keyPrefix}:*`)).not.toHaveLength(0);
  const everyKey = await keysMatching('*');
  expect(everyKey.filter((key) => key.includes(email) || key.includes(queue))).toEqual([]);
  const index = new TraceJobIndex({ connection: redis, keyPrefix });
  // No such job in BullMQ: only the store's index can answer.
  expect(await index.tracesOfJob(queue, `user-${email}-1`)).toEqual([traceIdOf(spans[0]!)]);
  expect(await index.tracesOfJob(queue, `user-${email}-9`)).toEqual([]);
  expect(await index.tracesOfJob('other', `user-${email}-1`)).toEqual([]);
  await index.close();
  await exporter.shutdown();
});
