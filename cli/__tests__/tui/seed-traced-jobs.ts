/**
 * Real data for the end-to-end tests: a BullMQ queue traced by a real QueueOtel whose spans a real
 * RedisSpanExporter stores, one trace holding a failed job and a completed one.
 */
import { randomUUID } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Queue, Worker } from 'bullmq';
import { RedisSpanExporter } from 'queue-otel/store';
import { QueueOtel } from 'queue-otel';
import { redisConnection, redisUrl } from '../../../__tests__/support/redis';
import { waitFor } from '../../../__tests__/support/tracing';

/** What was seeded: prefixes to pass to the CLI, the queue, the trace and job ids. */
export interface SeededTrace {
  redisUrl: string;
  bullPrefix: string;
  keyPrefix: string;
  queue: string;
  traceId: string;
  failedJobId: string;
  completedJobId: string;
}

/** Seeds the data and stops every client it opened. */
export async function seedTracedJobs(): Promise<SeededTrace> {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const id = randomUUID().slice(0, 8);
  const bullPrefix = `e2e${id}`;
  const keyPrefix = `qoe2e${id}`;
  const queueName = 'orders';
  const exporter = new RedisSpanExporter({ connection: redisUrl(), keyPrefix });
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const connection = redisConnection();
  const queue = new Queue(queueName, { connection, telemetry, prefix: bullPrefix });
  const settled: string[] = [];
  const worker = new Worker(queueName, async (job) => {
    if (job.name === 'charge-card') {
      const error = new Error('card declined by issuer');
      error.name = 'PaymentDeclinedError';
      throw error;
    }
    return 'sent';
  }, { connection, telemetry, prefix: bullPrefix });
  worker.on('completed', (job) => settled.push(job.id ?? ''));
  worker.on('failed', (job) => settled.push(job?.id ?? ''));
  let traceId = '';
  let failedJobId = '';
  let completedJobId = '';
  await provider.getTracer('e2e').startActiveSpan('POST /checkout', async (span) => {
    traceId = span.spanContext().traceId;
    failedJobId = (await queue.add('charge-card', { order: 1 })).id ?? '';
    completedJobId = (await queue.add('send-receipt', { order: 1 })).id ?? '';
    span.end();
  });
  await waitFor('both jobs settled', () => settled.length >= 2, 20_000);
  await worker.close();
  await queue.close();
  await provider.forceFlush();
  await provider.shutdown();
  trace.disable();
  return { redisUrl: redisUrl(), bullPrefix, keyPrefix, queue: queueName, traceId, failedJobId, completedJobId };
}
