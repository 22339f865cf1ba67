import { propagation } from '@opentelemetry/api';
import { Queue, Worker } from 'bullmq';
import { QueueOtel } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, parentOf, waitFor } from '../support/tracing';

const { provider, exporter } = createTestTracing();

test('with no propagator registered, W3C trace context is written instead of {}', async () => {
  propagation.disable();
  expect(propagation.fields()).toEqual([]);
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const name = uniqueQueueName('fallback');
  const queue = new Queue(name, { connection: redisConnection(), telemetry });
  const worker = new Worker(name, async () => undefined, { connection: redisConnection(), telemetry });
  try {
    const job = await queue.add('j', {});
    const metadata = (await queue.getJob(job.id!))!.opts.telemetry!.metadata!;
    expect(JSON.parse(metadata).traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const processSpan = await waitFor('process', () => exporter.getFinishedSpans().find((s) => s.name === `process ${name}`));
    const send = exporter.getFinishedSpans().find((s) => s.name === `add ${name}`)!;
    expect(parentOf(processSpan)).toBe(send.spanContext().spanId);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
});
