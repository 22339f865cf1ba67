import { Queue, Worker } from 'bullmq';
import { QueueOtel } from '../../src';
import { parkTracedSpanName, takeTracedSpanName } from '../../src/hooks/traced-span-name';

const parts = (operation: string, destination: string): [string, string] => [operation, destination];
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, waitFor } from '../support/tracing';

// BullMQ's `trace(kind, operation, destination, ...)` arguments, parked by its wrapper, stand for the span name
// BullMQ builds from them, once, and only for a name they could have built.

afterEach(() => parkTracedSpanName(undefined, undefined));

test('the parked parts of the name BullMQ built are taken once', () => {
  parkTracedSpanName('process', 'emails');
  expect(takeTracedSpanName(`process ${'emails'}`, parts)).toEqual(['process', 'emails']);
  // The next span of the same stretch (another instance's, started from the callback) splits its own name.
  expect(takeTracedSpanName('process emails', parts)).toBeUndefined();
});

test('an empty destination stands for a name that is the operation alone', () => {
  parkTracedSpanName('close', '');
  expect(takeTracedSpanName('close', parts)).toEqual(['close', '']);
});

test('a name the parts could not have built finds nothing, and clears them', () => {
  parkTracedSpanName('add', 'emails.welcome');
  expect(takeTracedSpanName('addFlow emails', parts)).toBeUndefined();
  expect(takeTracedSpanName('add emails.welcome', parts)).toBeUndefined();
});

test('parts that are not text (another BullMQ signature, a caller of its own) find nothing', () => {
  for (const [operation, destination] of [[4, 'emails'], ['process', undefined], [undefined, undefined], ['process', { length: 6 }]] as const) {
    parkTracedSpanName(operation, destination);
    expect(takeTracedSpanName('process emails', parts)).toBeUndefined();
  }
});

describe('with BullMQ', () => {
  const connection = redisConnection();

  test("every span a Queue or Worker of a QueueOtel starts finds its parts parked: the name is never split", async () => {
    const { provider } = createTestTracing();
    const telemetry = new QueueOtel({ tracerProvider: provider });
    const seen: [string, string | undefined, string][] = [];
    const startSpan = telemetry.tracer.startSpan.bind(telemetry.tracer);
    telemetry.tracer.startSpan = (name, options, ctx) => {
      // Looks, then parks them again for QueueOtel's own tracer, which takes them in turn.
      const [operation, destination] = takeTracedSpanName(name, parts) ?? [undefined, ''];
      seen.push([name, operation, destination]);
      if (operation !== undefined) parkTracedSpanName(operation, destination);
      return startSpan(name, options, ctx);
    };
    const name = uniqueQueueName('parked-name');
    const queue = new Queue(name, { connection, telemetry });
    const worker = new Worker(name, async () => 'done', { connection, telemetry });
    try {
      await queue.add('welcome', {});
      await waitFor('the process span', () => seen.some(([spanName]) => spanName === `process ${name}`));
      expect(seen).toEqual(expect.arrayContaining([[`add ${name}.welcome`, 'add', `${name}.welcome`], [`process ${name}`, 'process', name]]));
      for (const [spanName, operation, destination] of seen) {
        expect(operation).toBeDefined();
        expect(spanName).toBe(destination === '' ? operation : `${operation} ${destination}`);
      }
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
