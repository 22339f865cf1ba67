import { context, trace } from '@opentelemetry/api';
import { Cluster } from 'ioredis';
import keySlot from 'cluster-key-slot';
import { RedisSpanExporter, SpanStore, TraceJobIndex, measureStoredBytes, storeKeys } from '../../src/store';
import { startRedisCluster } from '../support/redis-cluster';
import type { TestRedisCluster } from '../support/redis-cluster';
import { tracingInto, uniquePrefix } from './store-fixtures';

let cluster: TestRedisCluster | undefined;
let client: Cluster | undefined;

beforeAll(async () => {
  cluster = await startRedisCluster();
  client = new Cluster(cluster.nodes);
  await client.ping();
}, 60_000);

afterAll(async () => {
  await client?.quit().catch(() => client?.disconnect());
  await cluster?.stop();
});

test('stores, lists, indexes, caps and re-exports many traces spread over the slots of a 3-master cluster', async () => {
  const redis = client!;
  const keyPrefix = uniquePrefix();
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, buffer: true, maxSpansPerTrace: 3 });
  const { tracer, provider } = tracingInto(exporter, 'batch');
  const traceIds: string[] = [];
  for (let i = 0; i < 40; i += 1) {
    const root = tracer.startSpan(`root ${i}`, { attributes: { 'messaging.destination.name': 'mail', 'bullmq.job.id': String(i) } });
    const ctx = trace.setSpan(context.active(), root);
    for (let c = 0; c < (i === 0 ? 5 : 1); c += 1) tracer.startSpan(`child ${i}.${c}`, {}, ctx).end();
    root.end();
    traceIds.push(root.spanContext().traceId);
  }
  await provider.forceFlush(); // one export batch of 84 spans across many slots
  expect(exporter.stats()).toMatchObject({ exports: 1, failedExports: 0, storedSpans: 3 + 39 * 2, droppedSpans: 3 });

  // The traces really are spread over the three masters.
  const keys = storeKeys(keyPrefix);
  const nodesUsed = new Set(traceIds.map((id) => {
    const slot = keySlot(keys.spans(id));
    return redis.slots[slot]?.[0];
  }));
  expect(nodesUsed.size).toBe(3);

  const store = new SpanStore({ connection: redis, keyPrefix });
  expect((await store.getTrace(traceIds[7]!)).map((s) => s.name)).toEqual(['root 7', 'child 7.0']);
  expect(await store.getTrace(traceIds[0]!)).toHaveLength(3);
  const listed = await store.listTraces({ limit: 100 });
  expect(listed.map((t) => t.traceId).sort()).toEqual([...traceIds].sort());
  expect(listed.find((t) => t.traceId === traceIds[0])).toMatchObject({ spanCount: 3, droppedSpans: 3 });

  const index = new TraceJobIndex({ connection: redis, keyPrefix });
  expect(await index.jobsOfTrace(traceIds[5]!)).toEqual([{ queue: 'mail', jobId: '5' }]);
  expect(await index.tracesOfJob('mail', '5')).toEqual([traceIds[5]]);
  expect(await index.tracesOfJob('mail', '39')).toEqual([traceIds[39]]);

  // Every key on every master expires.
  const written: string[] = [];
  for (const node of redis.nodes('master')) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', `${keyPrefix}:*`, 'COUNT', 1000);
      for (const key of batch) {
        written.push(key);
        expect({ key, ttl: (await node.pttl(key)) > 0 }).toEqual({ key, ttl: true });
      }
      cursor = next;
    } while (cursor !== '0');
  }
  expect(written.length).toBeGreaterThanOrEqual(40 * 2 + 3);

  const drained = await exporter.drainBuffered(1000);
  expect(drained).toHaveLength(3 + 39 * 2);
  expect(new Set(drained.map((s) => s.spanContext().traceId)).size).toBe(40);
  expect(await exporter.drainBuffered(1000)).toEqual([]);

  const bytes = await measureStoredBytes(redis, traceIds, { keyPrefix });
  expect(bytes).toMatchObject({ traces: 40, spans: 81 });
  expect(bytes.bytesPerSpan).toBeGreaterThan(50);
  expect(bytes.bytesPerSpan).toBeLessThan(2000);
  expect(bytes.indexBytes).toBeGreaterThan(0);

  await index.close();
  await provider.shutdown();
  expect(redis.status).toBe('ready');
}, 30_000);

test('evicts across slots when the global cap is exceeded', async () => {
  const redis = client!;
  const keyPrefix = uniquePrefix();
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, maxTraces: 5 });
  const { tracer, provider } = tracingInto(exporter, 'batch');
  const ids: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    const span = tracer.startSpan(`t${i}`);
    span.end();
    ids.push(span.spanContext().traceId);
  }
  await provider.forceFlush();
  expect(exporter.stats().evictedTraces).toBe(7);
  const store = new SpanStore({ connection: redis, keyPrefix });
  const kept = (await store.listTraces({ limit: 20 })).map((t) => t.traceId);
  expect(kept).toHaveLength(5);
  const present = await Promise.all(ids.map(async (id) => (await store.getTrace(id)).length));
  expect(present.filter((n) => n > 0)).toHaveLength(5);
  await provider.shutdown();
});
