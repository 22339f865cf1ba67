import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueEventsObserver } from '../../src/observer';
import type { RedisClient } from '../../src/store/connection';
import { uniqueQueueName } from '../support/redis';
import { startRedisProcess } from '../support/redis-process';
import type { RedisProcess } from '../support/redis-process';
import { waitFor } from '../support/tracing';
import { observerHarness } from './observer-harness';

// A shared lookup client (a Queue or an ioredis client given as `connection`) keeps the application's settings:
// BullMQ's `maxRetriesPerRequest: null` makes a command sent while Redis is down wait in the client's offline queue
// until Redis is back. The observer must not put its lookups there: it holds them in its own bounded queue, says
// so once per outage, and resumes by itself. Each test has a Redis of its own, which it stops and starts again.

const h = observerHarness();
let server: RedisProcess | undefined;
afterEach(async () => {
  // Redis up again for the closes, should a test have failed during its outage.
  if (server && !server.running()) await server.restart();
  await h.closeAll();
  await server?.stop();
  server = undefined;
});

interface QueueView { length: number; toArray(): Array<{ command: { name: string } }> }

/** The observer's lookups (HMGET) that the shared client holds in its offline queue. */
function offlineLookups(client: RedisClient): number {
  const { offlineQueue } = client as unknown as { offlineQueue: QueueView };
  return offlineQueue.toArray().filter((item) => item.command.name === 'hmget').length;
}

/**
 * What the QueueEvents hands its listeners for a finished job, as BullMQ emits it after reading the stream. While
 * Redis is down no event can be read; these stand for events read just before the outage, or after the QueueEvents'
 * own reconnect while the lookup client still waits out its backoff (BullMQ's retry strategy waits up to 20 s).
 */
function deliverCompleted(events: QueueEvents, jobIds: string[]): void {
  for (const jobId of jobIds) events.emit('completed', { jobId, returnvalue: 'ok' }, `${Date.now()}-0`);
}

type SharedKind = 'a Queue' | 'an ioredis client';

/** A shared lookup connection to `server` as an application would pass it, and its ioredis client. */
async function sharedConnection(kind: SharedKind, name: string, port: number): Promise<{ connection: Queue | Redis; client: RedisClient }> {
  const options = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
  if (kind === 'a Queue') {
    const queue = new Queue(name, { connection: options });
    queue.on('error', () => undefined);
    h.closers.push(() => queue.close());
    const backend = queue.getBackend() as unknown as { client: Promise<RedisClient> };
    return { connection: queue, client: await backend.client };
  }
  // disconnectTimeout 0: disconnecting while it waits to reconnect would leave ioredis' 2 s timer to the test run.
  const redis = new Redis({ ...options, disconnectTimeout: 0 });
  redis.on('error', () => undefined);
  h.closers.push(async () => { redis.disconnect(); });
  await new Promise<void>((resolve) => (redis.status === 'ready' ? resolve() : redis.once('ready', () => resolve())));
  return { connection: redis, client: redis };
}

test.each<SharedKind>(['a Queue', 'an ioredis client'])(
  'with %s shared for lookups, a Redis outage holds lookups in the observer (bounded), reports it once and resumes',
  async (kind) => {
    server = await startRedisProcess();
    const { port } = server;
    const telemetry = h.otel();
    const name = uniqueQueueName('outage');
    const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
    const queue = new Queue(name, { connection, telemetry });
    queue.on('error', () => undefined);
    h.closers.push(() => queue.close());
    const events = new QueueEvents(name, { connection });
    events.on('error', () => undefined);
    h.closers.push(() => events.close());
    await events.waitUntilReady();
    const shared = await sharedConnection(kind, name, port);
    const observer = new QueueEventsObserver(telemetry, events, { connection: shared.connection, maxPending: 5, batchSize: 2, concurrency: 1 });
    h.closers.push(() => observer.close());
    const worker = new Worker(name, async () => 'ok', { connection });
    worker.on('error', () => undefined);
    h.closers.push(() => worker.close(true));
    await queue.add('before', {});
    await waitFor('a job observed before the outage', () => observer.stats().processed === 1 || undefined);

    await server.stop();
    await waitFor('the shared client noticing', () => shared.client.status !== 'ready' || undefined);
    deliverCompleted(events, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    deliverCompleted(events, ['i']);
    // Let the lookups the events started reach the client (a batch first awaits its client).
    await new Promise((resolve) => setImmediate(resolve));

    // Nothing sent into the shared client's offline queue; the observer's own queue keeps maxPending, drops the rest.
    const during = observer.stats();
    expect(offlineLookups(shared.client)).toBe(0);
    expect(during).toMatchObject({ received: 10, processed: 1, pending: 5, inFlight: 0, dropped: 4, failedLookups: 0, lookupConnected: false, lookupDisconnects: 1 });
    const outageWarnings = h.warnings.filter((w) => w.includes('lookup connection is not ready'));
    expect(outageWarnings).toHaveLength(1);
    expect(outageWarnings[0]).toContain(`queue-otel observer (${name})`);
    // The drop warning names the outage, not the usual advice to raise the limits.
    expect(h.warnings.filter((w) => w.includes('dropped') && w.includes('lookup connection is down'))).toHaveLength(1);
    expect(h.warnings.some((w) => w.includes('falling behind'))).toBe(false);

    // Redis back (empty: the held lookups find no job hash). The observer resumes by itself.
    await server.restart();
    await waitFor('the held lookups done', () => {
      const s = observer.stats();
      return s.pending === 0 && s.inFlight === 0 && s.missing === 5 ? s : undefined;
    }, 30_000);
    expect(observer.stats()).toMatchObject({ lookupConnected: true, lookupDisconnects: 1, failedLookups: 0 });
    expect(h.warnings.filter((w) => w.includes('lookup connection is back'))).toHaveLength(1);
    await queue.add('after', {});
    await waitFor('a job observed after the outage', () => observer.stats().processed === 2 || undefined, 30_000);
    expect(h.warnings.filter((w) => w.includes('lookup connection is not ready'))).toHaveLength(1);
  },
);

test('close() during an outage gives the held lookups up after its wait, counts them, and leaves the shared client as it was', async () => {
  // The queue and its events on the tests' Redis, the lookups on a Redis of this test's own that goes down: real
  // events keep coming while the lookup client is down, as in the window after the QueueEvents reconnected first.
  server = await startRedisProcess();
  const telemetry = h.otel();
  const { name, queue, events } = await h.queueAndEvents(telemetry, 'outage-close');
  const shared = await sharedConnection('an ioredis client', name, server.port);
  const listeners = (): number => shared.client.listenerCount('ready') + shared.client.listenerCount('end');
  const before = listeners();
  const observer = new QueueEventsObserver(telemetry, events, { connection: shared.connection });
  h.closers.push(() => observer.close());
  // It listens once it has the client, a promise away.
  await new Promise((resolve) => setImmediate(resolve));
  expect(listeners()).toBe(before + 2);

  await server.stop();
  await waitFor('the shared client noticing', () => shared.client.status !== 'ready' || undefined);
  h.plainWorker(name, async () => 'ok');
  await queue.addBulk([1, 2, 3].map((i) => ({ name: 'n', data: { i } })));
  await waitFor('three lookups held', () => observer.stats().pending === 3 || undefined);
  expect(observer.stats()).toMatchObject({ inFlight: 0, lookupConnected: false, lookupDisconnects: 1 });

  await observer.close();
  expect(observer.stats()).toMatchObject({ received: 3, pending: 0, failedLookups: 3, missing: 0 });
  expect(offlineLookups(shared.client)).toBe(0);
  expect(listeners()).toBe(before);
  // Closing is not an outage to announce twice, nor a reason to say the connection is back.
  expect(h.warnings.filter((w) => w.includes('lookup connection is not ready'))).toHaveLength(1);
  expect(h.warnings.some((w) => w.includes('lookup connection is back'))).toBe(false);
});

test('lookups held for a shared client that has not connected yet go out once it is ready', async () => {
  server = await startRedisProcess();
  const telemetry = h.otel();
  const name = uniqueQueueName('outage-lazy');
  const connection = { host: '127.0.0.1', port: server.port, maxRetriesPerRequest: null };
  const queue = new Queue(name, { connection, telemetry });
  h.closers.push(() => queue.close());
  const events = new QueueEvents(name, { connection });
  h.closers.push(() => events.close());
  await events.waitUntilReady();
  // The application's client, connecting only on its first command (lazyConnect): the observer has to connect it.
  const lazy = new Redis({ ...connection, lazyConnect: true, disconnectTimeout: 0 });
  h.closers.push(async () => { lazy.disconnect(); });
  const observer = new QueueEventsObserver(telemetry, events, { connection: lazy });
  h.closers.push(() => observer.close());
  expect(lazy.status).toBe('wait');
  const worker = new Worker(name, async () => 'ok', { connection });
  h.closers.push(() => worker.close(true));
  await queue.add('n', {});
  await waitFor('the job observed', () => observer.stats().processed === 1 || undefined);
  expect(observer.stats()).toMatchObject({ failedLookups: 0, missing: 0 });
});
