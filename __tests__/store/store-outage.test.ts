import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Redis } from 'ioredis';
import { RedisSpanExporter } from '../../src/store';
import { runFixture } from '../support/processes';
import { startRedisProcess } from '../support/redis-process';
import type { RedisProcess } from '../support/redis-process';
import { waitFor } from '../support/tracing';
import { eventually, jobSpans, uniquePrefix } from './store-fixtures';

// While its Redis is down or hung, the store must not keep what failed exports sent: ioredis' offline queue
// (commands waiting for a connection) and command queue (commands sent, awaiting a reply) are measured
// directly, which is deterministic where heap sizes are not.

type Outcome = 'success' | 'failed' | 'no answer';

/** Exports `spans` and waits at most `millis` for the callback. */
function exportWithin(exporter: RedisSpanExporter, spans: ReadableSpan[], millis: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('no answer'), millis);
    exporter.export(spans, (result) => {
      clearTimeout(timer);
      resolve(result.code === ExportResultCode.SUCCESS ? 'success' : 'failed');
    });
  });
}

interface QueueView { length: number; toArray(): Array<{ command: { name: string } }> }
const HANDSHAKE = new Set(['info', 'client', 'select', 'auth', 'hello']);

/** Commands of the store (not the connection handshake) that ioredis holds: offline plus awaiting a reply. */
function heldCommands(client: unknown): { offline: number; sent: number } {
  const { offlineQueue, commandQueue } = client as { offlineQueue: QueueView; commandQueue: QueueView };
  const ours = (queue: QueueView): number => queue.toArray().filter((item) => !HANDSHAKE.has(item.command.name)).length;
  return { offline: ours(offlineQueue), sent: ours(commandQueue) };
}

let server: RedisProcess | undefined;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  server?.resume();
  while (cleanups.length) await cleanups.pop()!();
  await server?.stop();
  server = undefined;
});

/** Closes `client` after the test unless it is closed already (a second close would leave a timer behind). */
function own<T extends { disconnect(): void; status: string }>(client: T): T {
  cleanups.push(() => { if (client.status !== 'end') client.disconnect(); });
  return client;
}

let batch: ReadableSpan[];
beforeAll(async () => { batch = await jobSpans(512, { perTrace: 4 }); });

describe('while the store\'s Redis is down', () => {
  test('its own connection (BullMQ-style options) queues nothing: every export fails at once', async () => {
    server = await startRedisProcess();
    // BullMQ's options for workers: retry forever, which made ioredis keep every failed batch.
    const exporter = new RedisSpanExporter({ connection: { ...server.options, maxRetriesPerRequest: null }, keyPrefix: uniquePrefix(), exportTimeoutMillis: 30_000 });
    own(exporter.client);
    expect(await exportWithin(exporter, batch, 10_000)).toBe('success');
    await server.stop();
    await waitFor('the client noticing', () => exporter.client.status !== 'ready');
    for (let i = 0; i < 20; i += 1) {
      // Far below the 30 s export timeout: the export is refused, not left to time out.
      expect(await exportWithin(exporter, batch, 5_000)).toBe('failed');
      expect(heldCommands(exporter.client)).toEqual({ offline: 0, sent: 0 });
    }
    expect(exporter.stats()).toMatchObject({ exports: 1, failedExports: 20 });
    const started = performance.now();
    await exporter.shutdown();
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  test('its own connection to a Redis that never came up does not print each reconnect attempt\'s error', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    // In a process of its own: ioredis is an optional peer loaded by Node's require, outside jest's console.
    const result = JSON.parse(await runFixture('store-dead-redis.ts', { STORE_PORT: String(port) })) as { reconnects: number; unhandled: number };
    expect(result.reconnects).toBeGreaterThanOrEqual(3);
    expect(result.unhandled).toBe(0);
  });

  test('a shared client keeps nothing of the store\'s in its offline queue', async () => {
    server = await startRedisProcess();
    const shared = own(new Redis(server.options)); // ioredis defaults, as an application might share it
    shared.on('error', () => undefined);
    const exporter = new RedisSpanExporter({ connection: shared, keyPrefix: uniquePrefix(), exportTimeoutMillis: 30_000 });
    expect(await exportWithin(exporter, batch, 10_000)).toBe('success');
    await server.stop();
    await waitFor('the client noticing', () => shared.status !== 'ready');
    for (let i = 0; i < 20; i += 1) {
      expect(await exportWithin(exporter, batch, 5_000)).toBe('failed');
      expect(heldCommands(shared)).toEqual({ offline: 0, sent: 0 });
    }
    await exporter.shutdown();
    expect(shared.status).not.toBe('end'); // still the application's client
  });
});

describe('while the store\'s Redis accepts connections and never answers', () => {
  test('its own connection lets go of a timed-out batch, and recovers when Redis answers again', async () => {
    server = await startRedisProcess();
    const exporter = new RedisSpanExporter({ connection: server.options, keyPrefix: uniquePrefix(), exportTimeoutMillis: 1_000 });
    own(exporter.client);
    expect(await exportWithin(exporter, batch, 10_000)).toBe('success');
    server.freeze();
    for (let i = 0; i < 5; i += 1) {
      expect(await exportWithin(exporter, batch, 4_000)).toBe('failed');
      // The failed batch is not kept waiting for a reply that may never come.
      await waitFor('the batch released', () => heldCommands(exporter.client).sent === 0 && heldCommands(exporter.client).offline === 0, 5_000);
    }
    server.resume();
    await eventually('a write succeeding again', async () => (await exportWithin(exporter, batch.slice(0, 8), 4_000)) === 'success', 20_000);
    await exporter.shutdown();
  });

  test('shutdown() closes its own connection within its bound although Redis never answers the QUIT', async () => {
    server = await startRedisProcess();
    const exporter = new RedisSpanExporter({ connection: server.options, keyPrefix: uniquePrefix(), exportTimeoutMillis: 1_000 });
    own(exporter.client);
    expect(await exportWithin(exporter, batch, 10_000)).toBe('success');
    server.freeze();
    const started = performance.now();
    await exporter.shutdown();
    expect(performance.now() - started).toBeLessThan(2_000 + 3_000);
    expect(exporter.client.status).toBe('end');
  });

  test('with a shared client, later exports fail at once instead of piling more batches behind the unanswered one', async () => {
    server = await startRedisProcess();
    const shared = own(new Redis(server.options));
    shared.on('error', () => undefined);
    const exporter = new RedisSpanExporter({ connection: shared, keyPrefix: uniquePrefix(), exportTimeoutMillis: 1_000 });
    expect(await exportWithin(exporter, batch, 10_000)).toBe('success');
    server.freeze();
    expect(await exportWithin(exporter, batch, 4_000)).toBe('failed');
    const oneBatch = heldCommands(shared);
    expect(oneBatch.sent + oneBatch.offline).toBeGreaterThan(0); // the client's own business: it is not ours to drop
    for (let i = 0; i < 10; i += 1) {
      const started = performance.now();
      expect(await exportWithin(exporter, batch, 4_000)).toBe('failed');
      expect(performance.now() - started).toBeLessThan(900); // refused, not another timeout
    }
    expect(heldCommands(shared)).toEqual(oneBatch);
    server.resume();
    // Once Redis answers the held batch, the store writes again.
    await eventually('a write succeeding again', async () => (await exportWithin(exporter, batch.slice(0, 8), 4_000)) === 'success', 20_000);
    await exporter.shutdown();
  });
});
