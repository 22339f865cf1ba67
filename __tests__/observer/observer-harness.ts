import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import type { Processor, WorkerOptions } from 'bullmq';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { QueueOtel } from '../../src/telemetry';
import type { QueueOtelOptions } from '../../src/telemetry';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing } from '../support/tracing';

/** One tracing setup for a test file; `closeAll` in afterEach closes what the helpers opened, in reverse. */
export function observerHarness() {
  const { provider, exporter } = createTestTracing();
  const connection = redisConnection();
  const closers: Array<() => Promise<unknown>> = [];
  const warnings: string[] = [];

  function otel(options: QueueOtelOptions = {}): QueueOtel {
    return new QueueOtel({ tracerProvider: provider, logger: (m) => warnings.push(m), ...options });
  }

  async function queueAndEvents(telemetry: QueueOtel, prefix = 'obs') {
    const name = uniqueQueueName(prefix);
    const queue = new Queue(name, { connection, telemetry });
    // Read the (new, uniquely named) queue's event stream from its start: XREAD from '$' would miss the events sent
    // before the loop's first read, which no state can be waited for.
    const events = new QueueEvents(name, { connection, lastEventId: '0-0' });
    closers.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
    closers.push(() => events.close());
    await events.waitUntilReady();
    return { name, queue, events };
  }

  function plainWorker(name: string, processor: Processor, options: Partial<WorkerOptions> = {}): Worker {
    const worker = new Worker(name, processor, { connection, ...options });
    closers.push(() => worker.close(true));
    return worker;
  }

  function spansOf(name: string): ReadableSpan[] {
    return exporter.getFinishedSpans().filter((s) => s.name.endsWith(` ${name}`));
  }

  async function closeAll(): Promise<void> {
    while (closers.length) await closers.pop()!();
    exporter.reset();
    warnings.length = 0;
  }

  async function jobHash(queue: Queue, id: string): Promise<Job | undefined> {
    return Job.fromId(queue, id);
  }

  return { provider, exporter, connection, closers, warnings, otel, queueAndEvents, plainWorker, spansOf, closeAll, jobHash };
}

/** Milliseconds of an OpenTelemetry HrTime. */
export function ms(time: [number, number]): number {
  return time[0] * 1000 + time[1] / 1e6;
}
