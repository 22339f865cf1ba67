/**
 * The CLI's Redis readers over real BullMQ jobs traced by a real QueueOtel into a real span store: the classes
 * reader's bounded reads and timings (a retried job timed from its spans), and a page of jobs read around a
 * followed job.
 */
import { randomUUID } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueOtel } from 'queue-otel';
import { RedisSpanExporter, SpanStore, TraceJobIndex } from 'queue-otel/store';
import { ClassReader } from '../../src/cli/class-reader';
import { QueueReader } from '../../src/cli/queue-reader';
import { redisConnection, redisUrl } from '../../../__tests__/support/redis';
import { waitFor } from '../../../__tests__/support/tracing';

const id = randomUUID().slice(0, 8);
const bullPrefix = `rd${id}`;
const keyPrefix = `qord${id}`;
let client: Redis;
let store: SpanStore;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporter = new RedisSpanExporter({ connection: redisUrl(), keyPrefix });
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const connection = redisConnection();
  const queue = new Queue('orders', { connection, telemetry, prefix: bullPrefix });
  const settled = new Set<string>();
  const worker = new Worker('orders', async (job) => {
    await new Promise((resolve) => setTimeout(resolve, 15));
    if (job.name === 'charge-card' || (job.name === 'sync-crm' && job.attemptsMade === 0)) throw new Error('declined');
    return 'ok';
  }, { connection, telemetry, prefix: bullPrefix });
  worker.on('completed', (job) => settled.add(job.id ?? ''));
  worker.on('failed', (job) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) settled.add(job.id ?? '');
  });
  const tracer = provider.getTracer('readers');
  for (let i = 0; i < 4; i += 1) {
    await tracer.startActiveSpan('POST /checkout', async (span) => {
      await queue.add('send-receipt', { i });
      await queue.add('charge-card', { i }, { attempts: 2, backoff: { type: 'fixed', delay: 60 } });
      await queue.add('sync-crm', { i }, { attempts: 3, backoff: { type: 'fixed', delay: 40 } });
      span.end();
    });
  }
  await waitFor('every job settled', () => settled.size >= 12, 30_000);
  await worker.close();
  await queue.close();
  await provider.forceFlush();
  await provider.shutdown();
  trace.disable();
  client = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  store = new SpanStore({ connection: client, keyPrefix });
});

afterAll(() => client?.disconnect());

describe('the classes reader', () => {
  it('reads the finished jobs of the window with their timing; retried jobs are timed from their spans', async () => {
    const reader = new ClassReader(client, bullPrefix, (traceId) => store.getTrace(traceId));
    const sample = await reader.read('orders', '15m');
    expect(sample.jobs).toHaveLength(12);
    expect(sample.read).toEqual({ jobs: 12, traces: 4, capped: false });
    const byName = (name: string) => sample.jobs.filter((job) => job.name === name);
    expect(byName('charge-card').every((job) => job.state === 'failed' && job.attemptsMade === 2)).toBe(true);
    for (const job of [...byName('charge-card'), ...byName('sync-crm')]) {
      expect(job.timing.source).toBe('spans');
      expect(job.timing.attempts).toHaveLength(2);
      // The fixed backoff lies between the attempts; the totals are all known.
      expect(job.timing.attempts[1]?.backoffMs).toBeGreaterThanOrEqual(job.name === 'charge-card' ? 55 : 35);
      expect(job.timing.waitMs).toBeGreaterThanOrEqual(0);
      expect(job.timing.processMs).toBeGreaterThanOrEqual(20);
      expect(job.traceId).toMatch(/^[0-9a-f]{32}$/);
    }
    // A job that ran once is timed either way (from its trace's spans here: it shares the retried jobs' trace).
    for (const job of byName('send-receipt')) {
      expect(job.timing.attempts).toHaveLength(1);
      expect(job.timing.waitMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('without the span store a retried job is counted, not timed; a window with nothing in it is empty', async () => {
    const sample = await new ClassReader(client, bullPrefix).read('orders', 'last-jobs');
    expect(sample.read.traces).toBe(0);
    const card = sample.jobs.find((job) => job.name === 'charge-card');
    expect(card?.timing).toMatchObject({ source: 'job' });
    expect(card?.timing.waitMs).toBeUndefined();
    expect((await new ClassReader(client, bullPrefix).read('orders', '15m', Date.now() + 3_600_000)).jobs).toEqual([]);
  });
});

describe('a page of jobs around a followed job', () => {
  it('is read where the job is now, at its offset from the top, and says when the job is not in the state', async () => {
    const reader = new QueueReader(client, new TraceJobIndex({ connection: client, keyPrefix, bullPrefix }), bullPrefix);
    const all = await reader.listJobs('orders', 'completed', 0, 100);
    const target = all.rows[5]?.id as string;
    const page = await reader.listJobs('orders', 'completed', 0, 3, { jobId: target, offset: 1 });
    expect(page.follow).toEqual({ jobId: target, index: 5 });
    expect(page.start).toBe(4);
    expect(page.rows.map((row) => row.id)[1]).toBe(target);
    const missing = await reader.listJobs('orders', 'completed', 0, 3, { jobId: 'no-such-job', offset: 1 });
    expect(missing.follow).toEqual({ jobId: 'no-such-job', index: undefined });
    expect(missing.start).toBe(0);
    expect(await reader.queueExists('orders')).toBe(true);
    expect(await reader.queueExists('ordres')).toBe(false);
    await reader.close();
  });
});
