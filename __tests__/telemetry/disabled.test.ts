import { Queue, Worker } from 'bullmq';
import type { Tracer, TracerProvider } from '@opentelemetry/api';
import { QueueOtel } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, waitFor } from '../support/tracing';

const { provider, exporter } = createTestTracing();

/** Counts every span the SDK is asked to create. */
function countingProvider(): { provider: TracerProvider; started: () => number } {
  let started = 0;
  return {
    provider: {
      getTracer(name, version) {
        const tracer = provider.getTracer(name, version);
        return {
          startSpan: (...args: Parameters<Tracer['startSpan']>) => (started++, tracer.startSpan(...args)),
          startActiveSpan: tracer.startActiveSpan.bind(tracer),
        } as Tracer;
      },
    },
    started: () => started,
  };
}

test('turned off, no span is created, jobs carry no metadata and still run; turned on again at run time', async () => {
  const counting = countingProvider();
  const telemetry = new QueueOtel({ tracerProvider: counting.provider, enabled: false });
  const name = uniqueQueueName('off');
  const connection = redisConnection();
  const queue = new Queue(name, { connection, telemetry });
  let done = 0;
  const worker = new Worker(name, async () => void done++, { connection, telemetry });
  try {
    const job = await queue.add('j', { a: 1 });
    await waitFor('processed', () => done === 1);
    expect(counting.started()).toBe(0);
    expect((await queue.getJob(job.id!))!.opts.telemetry).toBeUndefined();

    telemetry.setEnabled(true);
    const traced = await queue.add('j', { a: 2 });
    await waitFor('processed', () => done === 2);
    expect((await queue.getJob(traced.id!))!.opts.telemetry?.metadata).toMatch(/traceparent/);
    await waitFor('spans', () => exporter.getFinishedSpans().some((s) => s.name === `process ${name}`));
    expect(counting.started()).toBeGreaterThan(0);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
});
