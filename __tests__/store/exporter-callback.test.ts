import type { ExportResult } from '@opentelemetry/core';
import { ExportResultCode } from '@opentelemetry/core';
import { Redis } from 'ioredis';
import { RedisSpanExporter } from '../../src/store';
import { redisConnection } from '../support/redis';
import { jobSpans, uniquePrefix } from './store-fixtures';

let redis: Redis;
beforeAll(() => { redis = new Redis(redisConnection()); });
afterAll(async () => { await redis.quit(); });

// The result callback is the caller's code. If it throws, export() has already kept its contract (one call),
// and the error must not come back as an unhandled rejection, which Node turns into a process crash.
test.each([
  ['succeeds', false],
  ['fails', true],
])('a result callback that throws when the export %s is called once and leaves no unhandled rejection', async (_what, shutDownFirst) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };
  process.on('unhandledRejection', onUnhandled);
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix: uniquePrefix() });
  try {
    const results: ExportResult[] = [];
    const spans = await jobSpans(2);
    // A Redis that refuses connections: the export fails asynchronously, as it does when Redis goes away mid-write.
    const failLater = shutDownFirst ? new RedisSpanExporter({ connection: { ...redisConnection(), port: 1, lazyConnect: true, retryStrategy: () => null }, exportTimeoutMillis: 1000 }) : exporter;
    failLater.export(spans, (result) => {
      results.push(result);
      throw new Error('callback bug');
    });
    await failLater.forceFlush();
    // Unhandled rejections are reported once the microtask queue is empty: give the event loop one turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(results.map((r) => r.code)).toEqual([shutDownFirst ? ExportResultCode.FAILED : ExportResultCode.SUCCESS]);
    expect(unhandled).toEqual([]);
    if (failLater !== exporter) await failLater.shutdown();
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await exporter.shutdown();
  }
});
