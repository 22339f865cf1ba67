import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Queue, Worker } from 'bullmq';
import { QueueOtel } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, spansNamed, waitFor } from '../support/tracing';
import { closeAfterEach } from '../support/close-after-each';

// The error's class name becomes `exception.type` (and its `code`, when it has one, takes its place): both come from
// whatever the handler threw, so they obey the length limit like every other value, where a 100 KB class name was
// exported whole.
const { provider, exporter } = createTestTracing();
const connection = redisConnection();
const { closers } = closeAfterEach(() => exporter.reset());

/** Runs one job whose handler throws `error`; resolves with its process span. */
async function failedProcessSpan(options: ConstructorParameters<typeof QueueOtel>[0], error: () => Error): Promise<ReadableSpan> {
  const telemetry = new QueueOtel({ tracerProvider: provider, ...options });
  const name = uniqueQueueName('exception-type');
  const queue = new Queue(name, { connection, telemetry });
  closers.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
  await queue.add('charge', { amount: 5 });
  const worker = new Worker(
    name,
    async () => {
      throw error();
    },
    { connection, telemetry },
  );
  closers.push(() => worker.close());
  return waitFor('process span', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
}

function exceptionType(span: ReadableSpan): unknown {
  return span.events.find((event) => event.name === 'exception')?.attributes?.['exception.type'];
}

/** An Error subclass whose class name and `name` are `name`. */
function errorNamed(name: string, message: string): Error {
  const Class = { [name]: class extends Error {} }[name]!;
  const error = new Class(message);
  error.name = name;
  return error;
}

const LONG = `Declined${'X'.repeat(100_000)}`;

test('a 100 KB error class name is cut to maxValueLength in exception.type and error.type', async () => {
  const span = await failedProcessSpan({}, () => errorNamed(LONG, 'declined'));
  expect(span.status.code).toBe(SpanStatusCode.ERROR);
  const type = String(exceptionType(span));
  expect(type).toBe(`Declined${'X'.repeat(992)}…[TRUNCATED:${LONG.length}]`);
  expect(span.attributes['error.type']).toBe(type);
});

test("an error code of 100 KB (exception.type when the error has one) is cut too, to the sanitize option's limit", async () => {
  const span = await failedProcessSpan({ sanitize: { maxValueLength: 200 } }, () => Object.assign(new Error('declined'), { code: LONG }));
  expect(exceptionType(span)).toBe(`${LONG.slice(0, 200)}…[TRUNCATED:${LONG.length}]`);
});

test('a class name within the limit is kept as it is', async () => {
  const span = await failedProcessSpan({ sanitize: { maxValueLength: 200 } }, () => errorNamed('PaymentDeclined', 'declined'));
  expect(exceptionType(span)).toBe('PaymentDeclined');
  expect(span.attributes['error.type']).toBe('PaymentDeclined');
});
