import { SpanKind, context, trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { Queue, QueueEvents, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { RedisSpanExporter, TraceJobIndex } from '../../src/store';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { tracingInto, uniquePrefix } from './store-fixtures';

const w3c = new W3CTraceContextPropagator();
const BULL_PREFIX = 'bqo'; // not BullMQ's default, so the index must honour the configured prefix

function metadataOf(ctx: Context): string {
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, { set: (c, k, v) => { c[k] = v; } });
  return JSON.stringify(carrier);
}

function contextFrom(metadata: string | undefined): Context {
  const carrier = JSON.parse(metadata ?? '{}') as Record<string, string>;
  return w3c.extract(context.active(), carrier, { get: (c, k) => c[k], keys: (c) => Object.keys(c) });
}

let redis: Redis;
beforeAll(() => { redis = new Redis(redisConnection()); });
afterAll(async () => { await redis.quit(); });

test('finds a trace\'s jobs with live BullMQ state, and a job\'s traces, tolerating bad metadata', async () => {
  const keyPrefix = uniquePrefix();
  const queueName = uniqueQueueName('idx');
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix });
  const { tracer, provider } = tracingInto(exporter, 'batch');
  const queue = new Queue(queueName, { connection: redisConnection(), prefix: BULL_PREFIX });
  const index = new TraceJobIndex({ connection: redis, keyPrefix, bullPrefix: BULL_PREFIX });
  const events = new QueueEvents(queueName, { connection: redisConnection(), prefix: BULL_PREFIX });
  let worker: Worker | undefined;
  try {
    await events.waitUntilReady();
    const jobAttrs = (job: Job) => ({
      'messaging.destination.name': queueName, 'bullmq.job.id': job.id ?? '', 'bullmq.job.name': job.name,
    });
    // Producer: one trace, two jobs carrying its context the way BullMQ stores it (opts.telemetry.metadata → tm).
    const send = tracer.startSpan('send', { kind: SpanKind.PRODUCER });
    const sendCtx = trace.setSpan(context.active(), send);
    const telemetry = { metadata: metadataOf(sendCtx) };
    const ok = await queue.add('email', { n: 1 }, { telemetry });
    const bad = await queue.add('sms', { n: 2 }, { telemetry, attempts: 1 });
    for (const job of [ok, bad]) tracer.startSpan(`add ${queueName}.${job.name}`, { kind: SpanKind.PRODUCER, attributes: jobAttrs(job) }, sendCtx).end();
    send.end();
    const traceId = send.spanContext().traceId;
    expect(await redis.hget(`${BULL_PREFIX}:${queueName}:${ok.id}`, 'opts')).toContain('"tm"');

    // Consumer: a real worker continues the trace from the job's stored metadata; 'sms' fails.
    const finished = Promise.all([ok, bad].map((job) => job.waitUntilFinished(events).catch(() => undefined)));
    worker = new Worker(queueName, async (job) => {
      const span = tracer.startSpan(`process ${queueName}`, { kind: SpanKind.CONSUMER, attributes: jobAttrs(job) },
        contextFrom(job.opts.telemetry?.metadata));
      span.end();
      if (job.name === 'sms') throw new Error('no signal');
      return 'sent';
    }, { connection: redisConnection(), prefix: BULL_PREFIX });
    await finished;
    await provider.forceFlush();

    expect(await index.jobsOfTrace(traceId)).toEqual([
      { queue: queueName, jobId: ok.id, name: 'email' },
      { queue: queueName, jobId: bad.id, name: 'sms' },
    ]);
    expect(await index.jobsOfTrace(traceId, { withState: true })).toEqual([
      { queue: queueName, jobId: ok.id, name: 'email', state: 'completed', attemptsMade: 1 },
      { queue: queueName, jobId: bad.id, name: 'sms', state: 'failed', attemptsMade: 1 },
    ]);
    expect(await index.tracesOfJob(queueName, ok.id!)).toEqual([traceId]);

    // A removed job is reported, not hidden: the trace still mentions it.
    await ok.remove();
    const afterRemove = await index.jobsOfTrace(traceId, { withState: true });
    expect(afterRemove[0]).toEqual({ queue: queueName, jobId: ok.id, name: 'email', state: 'unknown' });

    // Fallback: a job whose spans never reached the store is found through its tm.
    const other = tracer.startSpan('elsewhere');
    const unindexed = await queue.add('late', {}, { telemetry: { metadata: metadataOf(trace.setSpan(context.active(), other)) } });
    other.end();
    expect(await index.tracesOfJob(queueName, unindexed.id!)).toEqual([other.spanContext().traceId]);
    expect(await index.traceIdFromJob(queueName, unindexed.id!)).toBe(other.spanContext().traceId);

    // Malformed stored data is tolerated.
    const jobKey = `${BULL_PREFIX}:${queueName}:${unindexed.id}`;
    for (const opts of ['{"tm":"not json"}', 'garbage{', '{"tm":"{\\"traceparent\\":\\"00-xyz-01\\"}"}', '{"tm":{"traceparent":7}}']) {
      await redis.hset(jobKey, 'opts', opts);
      expect(await index.tracesOfJob(queueName, unindexed.id!)).toEqual([]);
      expect(await index.traceIdFromJob(queueName, unindexed.id!)).toBeUndefined();
    }
    expect(await index.tracesOfJob(queueName, 'no-such-job')).toEqual([]);
    expect(await index.jobsOfTrace('0123456789abcdef0123456789abcdef')).toEqual([]);
  } finally {
    await worker?.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await index.close();
    await provider.shutdown();
  }
  expect(redis.status).toBe('ready'); // the index closed its BullMQ queues, not the shared client
});
