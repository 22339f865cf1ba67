import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Redis } from 'ioredis';
import { RedisSpanExporter, SpanStore, storeKeys } from '../../src/store';
import { redisConnection } from '../support/redis';
import { jobSpans, uniquePrefix } from './store-fixtures';

// `SpanStore.readTrace` says a trace is partial when the store knows spans of it are missing from the read: the
// exporter's per-trace count of dropped spans (meta `d`), and what the reader itself left out.

let redis: Redis;
beforeAll(() => { redis = new Redis(redisConnection()); });
afterAll(async () => { await redis.quit(); });

const DROPPED = 'the exporter dropped 3 spans of this trace: past its maxSpansPerTrace or longer than 1 MiB';

async function store(exporter: RedisSpanExporter, spans: ReadableSpan[]): Promise<void> {
  const result = await new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(spans, resolve));
  if (result.code !== ExportResultCode.SUCCESS) throw result.error ?? new Error('export failed');
}

/** A trace of 8 spans stored by an exporter that keeps 5 per trace, and a trace of 2 stored whole; their ids. */
async function storeCappedAndWhole(keyPrefix: string): Promise<{ capped: string; whole: string }> {
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix, maxSpansPerTrace: 5 });
  const spans = await jobSpans(10, { perTrace: 8 });
  await store(exporter, spans);
  await exporter.shutdown();
  const ids = [...new Set(spans.map((span) => span.spanContext().traceId))];
  const count = (id: string): number => spans.filter((span) => span.spanContext().traceId === id).length;
  return { capped: ids.find((id) => count(id) === 8)!, whole: ids.find((id) => count(id) === 2)! };
}

test('a trace the exporter dropped spans of reads as partial, saying how many and why; a whole one does not', async () => {
  const keyPrefix = uniquePrefix();
  const { capped, whole } = await storeCappedAndWhole(keyPrefix);
  const reader = new SpanStore({ connection: redis, keyPrefix });

  const read = await reader.readTrace(capped);

  expect(read.spans).toHaveLength(5);
  expect(read).toMatchObject({ partial: true, warnings: [DROPPED] });
  expect(await reader.readTrace(whole)).toMatchObject({ partial: false, warnings: [] });
  expect(await reader.getTrace(capped)).toEqual(read.spans);
  await reader.close();
});

test('spans the reader left out (past its maxSpans, malformed) make the read partial too, one warning each', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const { capped } = await storeCappedAndWhole(keyPrefix);
  await redis.rpush(keys.spans(capped), 'not json');
  const reader = new SpanStore({ connection: redis, keyPrefix, maxSpans: 3 });
  const wide = new SpanStore({ connection: redis, keyPrefix });

  expect(await reader.readTrace(capped)).toMatchObject({
    partial: true, warnings: [DROPPED, "3 stored spans not read: past this reader's maxSpans of 3"],
  });
  expect(await wide.readTrace(capped)).toMatchObject({
    partial: true, warnings: [DROPPED, '1 stored span left out: malformed or longer than 1 MiB'],
  });
  await reader.close();
  await wide.close();
});

test('a meta key of the wrong type or with a count that is no count leaves the read complete, not failed', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const { whole, capped } = await storeCappedAndWhole(keyPrefix);
  await redis.del(keys.meta(whole));
  await redis.set(keys.meta(whole), 'not a hash');
  await redis.hset(keys.meta(capped), 'd', 'many');
  const reader = new SpanStore({ connection: redis, keyPrefix });

  expect(await reader.readTrace(whole)).toMatchObject({ partial: false, warnings: [] });
  expect((await reader.readTrace(whole)).spans).toHaveLength(2);
  expect(await reader.readTrace(capped)).toMatchObject({ partial: false, warnings: [] });
  await reader.close();
});

test('a reader whose Redis user may not run scripts reads the dropped count too', async () => {
  const keyPrefix = uniquePrefix();
  const keys = storeKeys(keyPrefix);
  const { capped, whole } = await storeCappedAndWhole(keyPrefix);
  await redis.del(keys.meta(whole));
  await redis.set(keys.meta(whole), 'not a hash');
  const user = `qo-reader-${keyPrefix}`;
  await redis.call('ACL', 'SETUSER', user, 'on', '>reader-pw', '~*', '+@read', '+@connection', '-@scripting');
  const client = new Redis({ ...redisConnection(), username: user, password: 'reader-pw', enableReadyCheck: false });
  try {
    const reader = new SpanStore({ connection: client, keyPrefix });

    expect(await reader.readTrace(capped)).toMatchObject({ partial: true, warnings: [DROPPED] });
    expect(await reader.readTrace(whole)).toMatchObject({ partial: false, warnings: [] });
  } finally {
    client.disconnect();
    await redis.call('ACL', 'DELUSER', user);
  }
});
