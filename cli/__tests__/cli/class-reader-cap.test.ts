/**
 * The classes reader reads at most MAX_TRACES_PER_READ traces per refresh to time retried jobs. With more retried
 * jobs than that in the window, the slowest ones (the top of a class's slowest-jobs list) are still timed from
 * their spans, and the ones left out say why.
 */
import { randomUUID } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueOtel } from 'queue-otel';
import { RedisSpanExporter, SpanStore } from 'queue-otel/store';
import { ClassReader } from '../../src/cli/class-reader';
import { jobsOfClass } from '../../src/timing/class-stats';
import { MAX_TRACES_PER_READ } from '../../src/timing/class-window';
import { redisConnection, redisUrl } from '../../../__tests__/support/redis';
import { waitFor } from '../../../__tests__/support/tracing';

const id = randomUUID().slice(0, 8);
const bullPrefix = `rc${id}`;
const keyPrefix = `qorc${id}`;
const FAST = MAX_TRACES_PER_READ;
let client: Redis;
let store: SpanStore;
let slowId = '';

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporter = new RedisSpanExporter({ connection: redisUrl(), keyPrefix });
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const connection = redisConnection();
  const queue = new Queue('orders', { connection, telemetry, prefix: bullPrefix });
  const events = new QueueEvents('orders', { connection, prefix: bullPrefix });
  let settled = 0;
  const worker = new Worker('orders', async (job) => {
    if (job.data.slow) await new Promise((resolve) => setTimeout(resolve, 600));
    if (job.attemptsMade === 0) throw new Error('declined');
    return 'ok';
  }, { connection, telemetry, prefix: bullPrefix, concurrency: 20 });
  worker.on('completed', () => (settled += 1));
  try {
    await events.waitUntilReady();
    // The slowest job finishes first: the oldest of the window, behind the newest MAX_TRACES_PER_READ retried jobs.
    // Created five minutes ago, so that its total is the largest whatever the machine's load does to the fast jobs'
    // waits (a loaded run once gave a fast job a longer total than 1.2 s of processing).
    const slow = await queue.add('charge-card', { slow: true }, { attempts: 2, timestamp: Date.now() - 5 * 60_000 });
    slowId = slow.id ?? '';
    await slow.waitUntilFinished(events, 20_000);
    // One add each: every job its own trace (addBulk would put them all in one).
    await Promise.all(Array.from({ length: FAST }, (_, i) => queue.add('charge-card', { i }, { attempts: 2 })));
    await waitFor('every job completed', () => settled >= FAST + 1, 60_000);
  } finally {
    await worker.close();
    await events.close();
    await queue.close();
  }
  await provider.forceFlush();
  await provider.shutdown();
  trace.disable();
  client = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  store = new SpanStore({ connection: client, keyPrefix });
}, 90_000);

afterAll(() => client?.disconnect());

it('times the slowest retried job from its spans although it is the oldest; the jobs left out are marked capped', async () => {
  const sample = await new ClassReader(client, bullPrefix, (traceId) => store.getTrace(traceId)).read('orders', '15m');
  expect(sample.jobs).toHaveLength(FAST + 1);
  expect(sample.read.traces).toBe(MAX_TRACES_PER_READ);
  const slowest = jobsOfClass(sample.jobs, 'charge-card', 'slowest');
  expect(slowest[0]?.id).toBe(slowId);
  expect(slowest[0]?.timing.source).toBe('spans');
  expect(slowest[0]?.timing.processMs).toBeGreaterThanOrEqual(1190);
  expect(slowest[0]?.untimed).toBeUndefined();
  const capped = sample.jobs.filter((job) => job.untimed === 'capped');
  expect(capped).toHaveLength(1);
  expect(capped[0]?.timing.waitMs).toBeUndefined();
});
