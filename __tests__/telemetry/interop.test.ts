import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { Queue, Worker } from 'bullmq';
import type { Telemetry } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';
import { QueueOtel } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, parentOf, waitFor } from '../support/tracing';

// bullmq-otel only works with globally registered OpenTelemetry, as most deployments have it.
const { provider, exporter } = createTestTracing();
trace.setGlobalTracerProvider(provider);
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
const connection = redisConnection();

afterAll(() => {
  trace.disable();
  propagation.disable();
});

async function roundTrip(producer: Telemetry, consumer: Telemetry) {
  exporter.reset();
  const name = uniqueQueueName('interop');
  const queue = new Queue(name, { connection, telemetry: producer });
  const worker = new Worker(name, async () => 'done', { connection, telemetry: consumer });
  try {
    const job = await queue.add('mixed', { a: 1 });
    await waitFor('completion', () => exporter.getFinishedSpans().some((s) => s.name === `process ${name}` && s.endTime[0] > 0));
    const spans = exporter.getFinishedSpans();
    const metadata = (await queue.getJob(job.id!))!.opts.telemetry?.metadata;
    return { spans, name, metadata };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

test('a job added through bullmq-otel continues in a QueueOtel worker', async () => {
  const { spans, name, metadata } = await roundTrip(new BullMQOtel(), new QueueOtel());
  const add = spans.find((s) => s.name === `add ${name}.mixed`)!;
  const processSpan = spans.find((s) => s.name === `process ${name}`)!;
  expect(metadata).toMatch(/^\{"traceparent":"00-[0-9a-f]{32}-[0-9a-f]{16}-01"\}$/);
  expect(processSpan.spanContext().traceId).toBe(add.spanContext().traceId);
  expect(parentOf(processSpan)).toBe(add.spanContext().spanId);
  expect(processSpan.attributes['messaging.system']).toBe('bullmq');
});

test('a job added through QueueOtel continues in a bullmq-otel worker', async () => {
  const { spans, name, metadata } = await roundTrip(new QueueOtel(), new BullMQOtel());
  const send = spans.find((s) => s.name === `add ${name}`)!;
  const processSpan = spans.find((s) => s.name === `process ${name}` && s.instrumentationScope.name === 'bullmq')!;
  expect(metadata).toMatch(/^\{"traceparent":"00-[0-9a-f]{32}-[0-9a-f]{16}-01"\}$/);
  expect(processSpan.spanContext().traceId).toBe(send.spanContext().traceId);
  expect(parentOf(processSpan)).toBe(send.spanContext().spanId);
});

test('QueueOtel writes no more metadata than bullmq-otel', async () => {
  const ours = await roundTrip(new QueueOtel(), new QueueOtel());
  const theirs = await roundTrip(new BullMQOtel(), new BullMQOtel());
  expect(ours.metadata!.length).toBeLessThanOrEqual(theirs.metadata!.length);
});
