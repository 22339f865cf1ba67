import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Redis } from 'ioredis';
import { RedisSpanExporter, SpanStore, storeKeys } from '../../src/store';
import { redisConnection, redisUrl } from '../support/redis';
import { tracingInto, uniquePrefix } from './store-fixtures';

let redis: Redis;
beforeAll(() => { redis = new Redis(redisConnection()); });
afterAll(async () => { await redis.quit(); });

describe('RedisSpanExporter on a single Redis', () => {
  test('round-trips real spans with events, links, errors and parent ids', async () => {
    const keyPrefix = uniquePrefix();
    const exporter = new RedisSpanExporter({ connection: redis, keyPrefix });
    const { tracer, provider } = tracingInto(exporter, 'batch');
    const other = tracer.startSpan('elsewhere');
    other.end();
    const root = tracer.startSpan('add q.email', { kind: SpanKind.PRODUCER, attributes: { 'messaging.destination.name': 'q' } });
    const child = tracer.startSpan('process q', {
      kind: SpanKind.CONSUMER,
      links: [{ context: other.spanContext(), attributes: { 'link.kind': 'creation' } }],
      attributes: { 'bullmq.job.id': '7', 'tags': ['a', 'b'], 'retries': 2, 'ok': false },
    }, trace.setSpan(context.active(), root));
    child.addEvent('job failed', { 'bullmq.job.failed.reason': 'boom' });
    child.recordException(new Error('boom'));
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    child.end();
    root.end();
    await provider.forceFlush();

    const store = new SpanStore({ connection: redis, keyPrefix });
    const traceId = root.spanContext().traceId;
    const spans = await store.getTrace(traceId);
    expect(spans.map((s) => s.name)).toEqual(['add q.email', 'process q']);
    const [producer, consumer] = spans;
    expect(producer).toMatchObject({ traceId, spanId: root.spanContext().spanId, kind: 'producer', status: 'unset', serviceName: 'store-test' });
    expect(producer?.parentSpanId).toBeUndefined();
    expect(consumer).toMatchObject({
      parentSpanId: root.spanContext().spanId, kind: 'consumer', status: 'error', statusMessage: 'boom',
      attributes: { 'bullmq.job.id': '7', 'tags': ['a', 'b'], 'retries': 2, 'ok': false },
      links: [{ traceId: other.spanContext().traceId, spanId: other.spanContext().spanId, attributes: { 'link.kind': 'creation' } }],
    });
    expect(consumer?.events.map((e) => e.name)).toEqual(['job failed', 'exception']);
    expect(consumer?.events[1]?.attributes['exception.message']).toBe('boom');
    expect(consumer!.endUs).toBeGreaterThanOrEqual(consumer!.startUs);
    expect(Math.abs(consumer!.startUs - Date.now() * 1000)).toBeLessThan(60_000_000);

    const listed = await store.listTraces({ limit: 10 });
    expect(listed.map((t) => t.traceId).sort()).toEqual([traceId, other.spanContext().traceId].sort());
    const summary = listed.find((t) => t.traceId === traceId);
    expect(summary).toMatchObject({ rootName: 'add q.email', spanCount: 2, droppedSpans: 0, error: true });
    expect(summary!.durationUs).toBe(Math.max(producer!.endUs, consumer!.endUs) - producer!.startUs);
    expect(listed.find((t) => t.traceId !== traceId)?.error).toBe(false);
    expect(exporter.stats()).toMatchObject({ exports: 1, failedExports: 0, storedSpans: 3, droppedSpans: 0 });
    expect(await store.getTrace('0123456789abcdef0123456789abcdef')).toEqual([]);
    await provider.shutdown();
    expect(redis.status).toBe('ready'); // a shared client survives the exporter's shutdown
  });

  test('sets and refreshes the TTL on every key of a trace', async () => {
    const keyPrefix = uniquePrefix();
    const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, ttlSeconds: 100 });
    const { tracer, provider } = tracingInto(exporter);
    const root = tracer.startSpan('root');
    const child = tracer.startSpan('child', { attributes: { 'messaging.destination.name': 'q', 'bullmq.job.id': '1' } }, trace.setSpan(context.active(), root));
    child.end();
    const keys = storeKeys(keyPrefix);
    const traceId = root.spanContext().traceId;
    await redis.pexpire(keys.spans(traceId), 5000);
    root.end();
    await provider.forceFlush();
    for (const key of [keys.spans(traceId), keys.meta(traceId), keys.jobs(traceId), keys.traces(), keys.jobTraces(), keys.jobTimes()]) {
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(90_000);
      expect(ttl).toBeLessThanOrEqual(100_000);
    }
    await provider.shutdown();
  });

  test('caps spans per trace and counts what it drops', async () => {
    const keyPrefix = uniquePrefix();
    const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, maxSpansPerTrace: 3 });
    const { tracer, provider } = tracingInto(exporter, 'batch');
    const root = tracer.startSpan('root');
    const ctx = trace.setSpan(context.active(), root);
    for (let i = 0; i < 4; i += 1) tracer.startSpan(`a${i}`, {}, ctx).end();
    await provider.forceFlush(); // first batch: 3 stored, 1 dropped
    const failing = tracer.startSpan('late', {}, ctx);
    failing.setStatus({ code: SpanStatusCode.ERROR });
    failing.end();
    root.end();
    await provider.forceFlush(); // second batch: both dropped
    const store = new SpanStore({ connection: redis, keyPrefix });
    expect((await store.getTrace(root.spanContext().traceId)).map((s) => s.name)).toEqual(['a0', 'a1', 'a2']);
    expect(exporter.stats()).toMatchObject({ storedSpans: 3, droppedSpans: 3 });
    const [summary] = await store.listTraces();
    // The summary still reflects dropped spans: the root's name and the error are kept.
    expect(summary).toMatchObject({ spanCount: 3, droppedSpans: 3, rootName: 'root', error: true });
    await provider.shutdown();
  });

  test('caps the number of traces, evicting the least recently written and deleting their keys', async () => {
    const keyPrefix = uniquePrefix();
    const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, maxTraces: 3 });
    const { tracer, provider } = tracingInto(exporter);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const span = tracer.startSpan(`t${i}`, { attributes: { 'messaging.destination.name': 'q', 'bullmq.job.id': String(i) } });
      span.end();
      ids.push(span.spanContext().traceId);
      await provider.forceFlush();
      // The store orders traces by its own write time (Date.now(), no injectable clock): wait until the clock has
      // moved past this write's millisecond, so the next write's time is later.
      const written = Date.now();
      while (Date.now() <= written) await new Promise((resolve) => setImmediate(resolve));
    }
    const store = new SpanStore({ connection: redis, keyPrefix });
    const listed = await store.listTraces({ limit: 10 });
    expect(listed.map((t) => t.rootName)).toEqual(['t4', 't3', 't2']);
    expect(exporter.stats().evictedTraces).toBe(2);
    const keys = storeKeys(keyPrefix);
    expect(await redis.exists(keys.spans(ids[0]!), keys.meta(ids[0]!), keys.jobs(ids[1]!))).toBe(0);
    expect(await store.getTrace(ids[0]!)).toEqual([]);
    // paging: strictly older than the last entry of the previous page
    const page = await store.listTraces({ limit: 2 });
    const next = await store.listTraces({ limit: 2, before: page[1]!.lastWriteMs });
    expect([...page, ...next].map((t) => t.rootName)).toEqual(['t4', 't3', 't2']);
    await provider.shutdown();
  });

  test('reports FAILED instead of throwing when Redis is unreachable, and closes its own client', async () => {
    const exporter = new RedisSpanExporter({
      connection: { host: '127.0.0.1', port: 1, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null },
      exportTimeoutMillis: 2000,
    });
    const { tracer } = tracingInto(exporter);
    const span = tracer.startSpan('lost');
    span.end();
    // export directly, as a span processor would (an SDK span is a ReadableSpan)
    const result = await new Promise<ExportResult>((resolve) => exporter.export([span as unknown as ReadableSpan], resolve));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error).toBeInstanceOf(Error);
    expect(exporter.stats().failedExports).toBeGreaterThanOrEqual(1);
    await exporter.shutdown();
    const after = await new Promise<ExportResult>((resolve) => exporter.export([], resolve));
    expect(after.code).toBe(ExportResultCode.FAILED);
    expect(['end', 'close']).toContain(exporter.client.status);
  });

  test('accepts a URL and quits the client it created on shutdown', async () => {
    const exporter = new RedisSpanExporter({ connection: redisUrl(), keyPrefix: uniquePrefix() });
    const { tracer, provider } = tracingInto(exporter);
    tracer.startSpan('via url').end();
    await provider.forceFlush();
    expect(exporter.stats().storedSpans).toBe(1);
    await provider.shutdown();
    expect(exporter.client.status).toBe('end');
  });
});
