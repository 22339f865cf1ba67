import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { Redis } from 'ioredis';
import { RedisSpanExporter, storeKeys } from '../../src/store';
import { redisConnection } from '../support/redis';
import { tracingInto, uniquePrefix } from './store-fixtures';

let redis: Redis;
beforeAll(() => { redis = new Redis(redisConnection()); });
afterAll(async () => { await redis.quit(); });

interface OtlpSpan {
  traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number;
  startTimeUnixNano: string; endTimeUnixNano: string; status: { code?: number; message?: string };
  attributes: { key: string; value: Record<string, unknown> }[];
  events: { name: string; timeUnixNano: string; attributes: unknown[] }[];
  links: { traceId: string; spanId: string; attributes: { key: string }[] }[];
}

function otlpJson(spans: Parameters<typeof JsonTraceSerializer.serializeRequest>[0]) {
  const bytes = JsonTraceSerializer.serializeRequest(spans);
  if (!bytes) throw new Error('serializer returned nothing');
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as {
    resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] };
      scopeSpans: { scope: { name: string; version?: string }; spans: OtlpSpan[] }[] }[];
  };
}

describe('RedisSpanExporter as a fallback buffer', () => {
  test('re-exports buffered spans faithfully through the real OTLP JSON serializer', async () => {
    const exporter = new RedisSpanExporter({ connection: redis, keyPrefix: uniquePrefix(), buffer: true });
    const { tracer, provider } = tracingInto(exporter, 'batch', 'buffered-svc');
    const linked = tracer.startSpan('linked');
    linked.end();
    const root = tracer.startSpan('add q.job', { kind: SpanKind.PRODUCER, attributes: { 'messaging.destination.name': 'q' } });
    const child = tracer.startSpan('process q', {
      kind: SpanKind.CONSUMER, links: [{ context: linked.spanContext(), attributes: { why: 'creation' } }],
    }, trace.setSpan(context.active(), root));
    child.addEvent('job failed', { 'bullmq.job.failed.reason': 'boom' });
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    child.end();
    root.end();
    await provider.forceFlush();

    const spans = await exporter.drainBuffered(100);
    expect(spans).toHaveLength(3);
    const request = otlpJson(spans);
    expect(request.resourceSpans).toHaveLength(1);
    const resource = request.resourceSpans[0]!;
    expect(resource.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'buffered-svc' } });
    const scope = resource.scopeSpans[0]!;
    expect(scope.scope).toMatchObject({ name: 'store-test-scope', version: '1.2.3' });
    const byName = new Map(scope.spans.map((s) => [s.name, s]));
    const consumer = byName.get('process q')!;
    expect(consumer).toMatchObject({
      traceId: root.spanContext().traceId, spanId: child.spanContext().spanId,
      parentSpanId: root.spanContext().spanId, kind: SpanKind.CONSUMER + 1, // OTLP kinds are offset by one
      status: { code: 2, message: 'boom' },
    });
    expect(consumer.events[0]?.name).toBe('job failed');
    expect(consumer.links[0]).toMatchObject({ traceId: linked.spanContext().traceId, spanId: linked.spanContext().spanId });
    const original = (child as unknown as { startTime: [number, number]; endTime: [number, number] });
    const toNanos = ([s, ns]: [number, number]) => BigInt(s) * 1_000_000_000n + BigInt(ns);
    // Stored at microsecond precision.
    expect(BigInt(consumer.startTimeUnixNano)).toBe(toNanos(original.startTime) / 1000n * 1000n);
    expect(BigInt(consumer.endTimeUnixNano)).toBe(toNanos(original.endTime) / 1000n * 1000n);
    expect(byName.get('add q.job')?.parentSpanId).toBeUndefined();
    expect(byName.get('add q.job')?.attributes).toContainEqual({ key: 'messaging.destination.name', value: { stringValue: 'q' } });

    // drained once: nothing left, yet the spans stay readable in the store
    expect(await exporter.drainBuffered(100)).toEqual([]);
    await provider.shutdown();
  });

  test('read without mark offers the spans again; marking is per span and respects a limit', async () => {
    const exporter = new RedisSpanExporter({ connection: redis, keyPrefix: uniquePrefix(), buffer: true });
    const { tracer, provider } = tracingInto(exporter);
    const root = tracer.startSpan('root');
    const ctx = trace.setSpan(context.active(), root);
    for (let i = 0; i < 5; i += 1) tracer.startSpan(`s${i}`, {}, ctx).end();
    await provider.forceFlush();

    const unacked = await exporter.readBuffered(3);
    expect(unacked.spans.map((s) => s.name)).toEqual(['s0', 's1', 's2']);
    const again = await exporter.readBuffered(3);
    expect(again.spans.map((s) => s.name)).toEqual(['s0', 's1', 's2']);
    await again.markForwarded();
    await unacked.markForwarded(); // stale batch: compare-and-set refuses to advance twice

    const rest = await exporter.readBuffered(10);
    expect(rest.spans.map((s) => s.name)).toEqual(['s3', 's4']);
    root.end(); // written after the read: must not be lost when the read is marked
    await provider.forceFlush();
    await rest.markForwarded();
    expect((await exporter.drainBuffered(10)).map((s) => s.name)).toEqual(['root']);
    expect(await exporter.drainBuffered(10)).toEqual([]);
    await provider.shutdown();
  });

  test('without buffer: true it keeps no pending set and refuses to drain', async () => {
    const keyPrefix = uniquePrefix();
    const exporter = new RedisSpanExporter({ connection: redis, keyPrefix });
    const { tracer, provider } = tracingInto(exporter);
    tracer.startSpan('x').end();
    await provider.forceFlush();
    expect(await redis.exists(storeKeys(keyPrefix).pending())).toBe(0);
    await expect(exporter.drainBuffered(10)).rejects.toThrow('buffer: true');
    await provider.shutdown();
  });
});
