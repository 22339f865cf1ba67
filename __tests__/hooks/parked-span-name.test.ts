import { SpanKind } from '@opentelemetry/api';
import { Queue } from 'bullmq';
import { QueueOtel } from '../../src';
import { parkedSpanDestination, parkSpanName, restoreSpanName, takeSpanOperation } from '../../src/hooks/traced-instance';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, spansNamed, waitFor } from '../support/tracing';

const { provider, exporter } = createTestTracing();
const connection = redisConnection();

afterEach(() => exporter.reset());

test('a parked operation is taken once, only for the name BullMQ built from it', () => {
  const before = parkSpanName('process', 'emails');
  expect(takeSpanOperation('process emails')).toBe('process');
  expect(parkedSpanDestination()).toBe('emails');
  // Taken: a second span of the same stretch splits its own name.
  expect(takeSpanOperation('process emails')).toBeUndefined();

  parkSpanName('complete', 'emails');
  // A name of another length was not built from the parked parts.
  expect(takeSpanOperation('complete emails-2')).toBeUndefined();
  expect(takeSpanOperation('complete emails')).toBeUndefined();

  // An empty destination: BullMQ's name is the operation alone.
  parkSpanName('extendLocks', '');
  expect(takeSpanOperation('extendLocks')).toBe('extendLocks');
  expect(parkedSpanDestination()).toBe('');

  // Nothing parked (a FlowProducer's spans).
  parkSpanName(undefined, '');
  expect(takeSpanOperation('addFlow emails')).toBeUndefined();
  restoreSpanName(before, '');
});

test("spans of a Queue's own trace calls are named from the parked parts, odd ones from their names", async () => {
  const telemetry = new QueueOtel({ tracerProvider: provider, sanitize: false });
  const name = uniqueQueueName('parked');
  const queue = new Queue(name, { connection, telemetry });
  try {
    await queue.add('welcome', { to: 'x' });
    const other = 'o'.repeat(`add ${name}.nested`.length - 'addBulk '.length);
    // BullMQ's trace, called with what its own callers never pass: a number as destination, and no destination.
    type Trace = (kind: number, operation: unknown, destination: unknown, fn: () => Promise<void>) => Promise<void>;
    const trace = (queue as unknown as { trace: Trace }).trace.bind(queue);
    await trace(SpanKind.PRODUCER, 'add', 42, async () => undefined);
    await trace(SpanKind.PRODUCER, 'add', undefined, async () => undefined);
    await trace(SpanKind.PRODUCER, 'add', `${name}.nested`, async () => {
      // A span started inside the callback's synchronous part, by BullMQ's tracer interface directly: it has no
      // parked parts of its own and must not take those of the call around it (its name as long as that call's).
      telemetry.tracer.startSpan(`addBulk ${other}`, { kind: SpanKind.PRODUCER }).end();
    });
    const spans = await waitFor('five send spans', () => {
      const finished = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.PRODUCER);
      return finished.length >= 5 ? finished : undefined;
    });
    // Spans are named after the queue BullMQ sets on them; the job name of a send comes from the destination.
    const sends = spansNamed(spans, `add ${name}`);
    expect(sends.map((span) => span.attributes['bullmq.job.name'])).toEqual(['welcome', undefined, undefined, 'nested']);
    for (const span of sends) expect(span.attributes['messaging.operation.name']).toBe('add');
    const bulk = spansNamed(spans, `addBulk ${other}`);
    expect(bulk).toHaveLength(1);
    expect(bulk[0]!.attributes['messaging.operation.name']).toBe('addBulk');
    expect(bulk[0]!.attributes['messaging.destination.name']).toBe(other);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
});
