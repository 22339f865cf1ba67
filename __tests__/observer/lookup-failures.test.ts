import { BasicTracerProvider, SamplingDecision, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Sampler } from '@opentelemetry/sdk-trace-base';
import type { Attributes } from '@opentelemetry/api';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { freePort } from '../support/free-port';
import { redisUrl } from '../support/redis';
import { startRedisProcess } from '../support/redis-process';
import { waitFor } from '../support/tracing';
import { observerHarness } from './observer-harness';
import { QueueEventsObserver } from '../../src/observer';
import { QueueOtel } from '../../src/telemetry';

const h = observerHarness();
afterEach(() => h.closeAll());

/** A loopback port nothing listens on: every connection attempt is refused. */
const deadPort = freePort;

test.each([
  ['connection options', (port: number) => ({ host: '127.0.0.1', port })],
  ['a URL', (port: number) => `redis://127.0.0.1:${port}`],
])('lookups through %s of a dead Redis fail fast as failed lookups, not missing jobs, with a warning', async (_how, connectionOf) => {
  const telemetry = h.otel();
  const { name, queue, events } = await h.queueAndEvents(telemetry, 'dead');
  const observer = new QueueEventsObserver(telemetry, events, { connection: connectionOf(await deadPort()) });
  h.closers.push(() => observer.close());
  h.plainWorker(name, async () => 'ok');
  await queue.addBulk([1, 2, 3].map((i) => ({ name: 'n', data: { i } })));

  // ioredis' default of 20 retries per command would hold each lookup for about 25 s.
  await waitFor('the three lookups failed', () => (observer.stats().failedLookups === 3 ? true : undefined), 8000);
  const stats = observer.stats();
  expect(stats.missing).toBe(0);
  expect(stats.processed).toBe(0);
  expect(stats.lookupErrors).toBeGreaterThanOrEqual(1);
  expect(h.warnings.filter((w) => w.includes('reading job hashes failed'))).toHaveLength(1);

  const started = Date.now();
  await observer.close();
  expect(Date.now() - started).toBeLessThan(2000);
});

test('an error reply for one lookup of a batch is a failed lookup; a hash that is gone is missing', async () => {
  const telemetry = h.otel();
  const { events } = await h.queueAndEvents(telemetry, 'wrongtype');
  const observer = new QueueEventsObserver(telemetry, events, { batchSize: 10 });
  h.closers.push(() => observer.close());
  const redis = new Redis(redisUrl());
  h.closers.push(() => redis.quit());
  // Events as BullMQ writes them, for a job key that is not a hash (HMGET answers WRONGTYPE) and a job that is gone.
  const prefix = events.qualifiedName;
  await redis.set(`${prefix}:not-a-hash`, 'x');
  h.closers.push(() => redis.del(`${prefix}:not-a-hash`));
  await redis.multi()
    .xadd(`${prefix}:events`, '*', 'event', 'completed', 'jobId', 'not-a-hash', 'returnvalue', '1')
    .xadd(`${prefix}:events`, '*', 'event', 'completed', 'jobId', 'gone', 'returnvalue', '1')
    .exec();

  await waitFor('both events looked up', () => {
    const s = observer.stats();
    return s.received === 2 && s.pending === 0 && s.inFlight === 0 ? true : undefined;
  });
  await observer.flush();
  const stats = observer.stats();
  expect(stats.failedLookups).toBe(1);
  expect(stats.missing).toBe(1);
  expect(stats.lookupErrors).toBe(1);
  expect(h.warnings.some((w) => w.includes('reading job hashes failed') && w.includes('WRONGTYPE'))).toBe(true);
});

test('close() gives up lookups hung on a shared client after 5 s and counts them', async () => {
  const telemetry = h.otel();
  const { name, queue, events } = await h.queueAndEvents(telemetry, 'hung');
  // A Redis of the test's own, frozen once connected: the client stays ready, its commands are never answered.
  const server = await startRedisProcess();
  h.closers.push(() => server.stop());
  // A Queue as BullMQ wants it (maxRetriesPerRequest: null): its commands wait for Redis however long it takes.
  const shared = new Queue(name, { connection: { ...server.options, maxRetriesPerRequest: null } });
  shared.on('error', () => undefined);
  h.closers.push(() => shared.close());
  h.closers.push(async () => server.resume());
  await shared.waitUntilReady();
  const observer = new QueueEventsObserver(telemetry, events, { connection: shared, batchSize: 1, concurrency: 1 });
  h.closers.push(() => observer.close());
  server.freeze();
  h.plainWorker(name, async () => 'ok');
  await queue.addBulk([1, 2, 3].map((i) => ({ name: 'n', data: { i } })));
  await waitFor('one lookup in flight, two waiting', () => {
    const s = observer.stats();
    return s.inFlight === 1 && s.pending === 2 ? true : undefined;
  });

  // close() gives the hung lookup up after its bound (5 s); the lookups it gave up on are counted.
  await observer.close();
  const stats = observer.stats();
  expect(stats.failedLookups).toBe(2);
  expect(stats.pending).toBe(0);
  expect(stats.missing).toBe(0);
  // Frozen is not down: the client stayed ready, so nothing was held back for it.
  expect(stats.lookupDisconnects).toBe(0);
});

test('a job whose spans cannot be recorded is counted and warned about, not lost silently', async () => {
  // A sampler that fails on the observer's spans only (its own test setup, real SDK).
  const sampler: Sampler = {
    shouldSample: (_context, _traceId, _name, _kind, attributes: Attributes) => {
      if (attributes['bullmq.observed'] === true) throw new Error('sampler broke');
      return { decision: SamplingDecision.RECORD_AND_SAMPLED };
    },
    toString: () => 'breaks on observed spans',
  };
  const provider = new BasicTracerProvider({ sampler, spanProcessors: [new SimpleSpanProcessor(h.exporter)] });
  const warnings: string[] = [];
  const telemetry = new QueueOtel({ tracerProvider: provider, logger: (m) => warnings.push(m) });
  const { name, queue, events } = await h.queueAndEvents(telemetry, 'norecord');
  const observer = new QueueEventsObserver(telemetry, events);
  h.closers.push(() => observer.close());
  h.plainWorker(name, async () => 'ok');
  await queue.add('n', {});

  await waitFor('the recording error counted', () => (observer.stats().recordErrors === 1 ? true : undefined));
  expect(observer.stats()).toMatchObject({ received: 1, processed: 0, missing: 0, failedLookups: 0 });
  expect(warnings.some((w) => w.includes('recording an observed job failed') && w.includes('sampler broke'))).toBe(true);
});
