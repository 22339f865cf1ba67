import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { decodeMetadata, QueueOtel } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, spansNamed, waitFor } from '../support/tracing';

/**
 * A sandboxed processor's progress and data updates reach the Job the worker emits and Redis, exactly as
 * without QueueOtel, while the child still gets the process span's context.
 */
const { provider, exporter } = createTestTracing();
const connection = redisConnection();
const PROCESSOR = join(__dirname, '..', 'fixtures', 'processes', 'progress-processor.js');
const cleanup: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  exporter.reset();
});

describe.each([
  ['child processes', false],
  ['worker threads', true],
])('a sandboxed processor in %s', (_variant, useWorkerThreads) => {
  test('updates progress and data on the job the worker emits and in Redis, and continues the process span', async () => {
    const name = uniqueQueueName('sandbox-updates');
    const telemetry = new QueueOtel({ tracerProvider: provider });
    const queue = new Queue(name, { connection, telemetry });
    cleanup.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
    const added = await queue.add('report', { n: 1 });
    const producerMetadata = added.opts.telemetry?.metadata;
    expect(typeof producerMetadata).toBe('string');

    const worker = new Worker(name, PROCESSOR, { connection, telemetry, useWorkerThreads });
    cleanup.push(() => worker.close());
    let emitted: { job: Job; result: unknown } | undefined;
    let failure: Error | undefined;
    worker.on('completed', (job, result) => (emitted = { job, result }));
    worker.on('failed', (_job, error) => (failure = error));
    await waitFor('the job to settle', () => emitted ?? failure, 30_000);
    expect(failure).toBeUndefined();
    const { job, result } = emitted!;

    // The Job BullMQ emits is the one the child's updates were applied to.
    expect(job.progress).toEqual({ step: 'done', percent: 100 });
    expect(job.data).toEqual({ n: 1, updated: true });
    const stored = await queue.getJob(added.id!);
    expect(stored?.progress).toEqual({ step: 'done', percent: 100 });
    expect(stored?.data).toEqual({ n: 1, updated: true });
    // Nothing of QueueOtel's is left on it: its options still carry the producer's context.
    expect(job.opts.telemetry?.metadata).toBe(producerMetadata);
    expect(Object.getOwnPropertyNames(job)).not.toContain('asJSONSandbox');

    // The child was sent the process span's context, not the producer's.
    const process = await waitFor('the process span', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
    const decoded = decodeMetadata(result);
    expect(decoded.ok && decoded.carrier.traceparent).toBe(`00-${process.spanContext().traceId}-${process.spanContext().spanId}-01`);
  }, 60_000);
});
