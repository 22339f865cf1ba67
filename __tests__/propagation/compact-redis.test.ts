import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { Queue, Worker } from 'bullmq';
import type { Telemetry } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';
import { Redis } from 'ioredis';
import { QueueOtel } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, parentOf, waitFor } from '../support/tracing';

const { provider, exporter } = createTestTracing();
const connection = redisConnection();
const redis = new Redis(connection);

afterAll(() => {
  redis.disconnect();
  trace.disable();
  propagation.disable();
});

const otel = (format: 'json' | 'compact') =>
  new QueueOtel({ tracerProvider: provider, metadataFormat: format, logger: () => undefined }) as unknown as Telemetry;

async function addOne(format: 'json' | 'compact') {
  const name = uniqueQueueName('compact');
  const queue = new Queue(name, { connection, telemetry: otel(format) });
  const job = await queue.add('small', { n: 1 });
  const key = `bull:${name}:${job.id}`;
  const encoding = await redis.call('OBJECT', 'ENCODING', key);
  const opts = await redis.hget(key, 'opts');
  return { queue, name, encoding, opts: opts ?? '' };
}

test('compact metadata keeps a small job hash in the listpack encoding, JSON does not', async () => {
  const compact = await addOne('compact');
  const json = await addOne('json');
  try {
    expect(compact.encoding).toBe('listpack');
    expect(compact.opts.length).toBeLessThanOrEqual(64);
    expect(JSON.parse(compact.opts).tm).toMatch(/^"~01[A-Za-z0-9_-]{32}"$/);
    expect(json.encoding).toBe('hashtable');
  } finally {
    for (const { queue } of [compact, json]) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }
});

test.each(['compact', 'json'] as const)('a %s-format QueueOtel worker continues the trace of a compact job', async (workerFormat) => {
  exporter.reset();
  const { queue, name } = await addOne('compact');
  const worker = new Worker(name, async () => 'done', { connection, telemetry: otel(workerFormat) });
  try {
    const processSpan = await waitFor('process span', () => exporter.getFinishedSpans().find((s) => s.name === `process ${name}`));
    const send = exporter.getFinishedSpans().find((s) => s.name === `add ${name}`)!;
    expect(processSpan.spanContext().traceId).toBe(send.spanContext().traceId);
    expect(parentOf(processSpan)).toBe(send.spanContext().spanId);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
});

test('a bullmq-otel worker processes a compact job without failing it, in a new trace', async () => {
  // bullmq-otel reads only the globals; it parses the compact value as a JSON string with no traceparent.
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  exporter.reset();
  const { queue, name } = await addOne('compact');
  const worker = new Worker(name, async () => 'done', { connection, telemetry: new BullMQOtel() });
  try {
    const processSpan = await waitFor('process span', () => exporter.getFinishedSpans().find((s) => s.name === `process ${name}`));
    const send = exporter.getFinishedSpans().find((s) => s.name === `add ${name}`)!;
    expect(processSpan.spanContext().traceId).not.toBe(send.spanContext().traceId);
    const job = await queue.getJob('1');
    expect(await job!.getState()).toBe('completed');
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
});
