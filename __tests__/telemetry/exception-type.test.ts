import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { join } from 'node:path';
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

// bullmq 6.7.6 records the handler's error on the process span itself (handleFailed), as well as QueueOtel at its end.
test('a failed attempt records one exception event, whichever bullmq version also records it', async () => {
  const span = await failedProcessSpan({}, () => new TypeError('declined'));
  const exceptions = span.events.filter((event) => event.name === 'exception');
  expect(exceptions.map((event) => [event.attributes?.['exception.type'], event.attributes?.['exception.message']])).toEqual([['TypeError', 'declined']]);
});

test('a class name within the limit is kept as it is', async () => {
  const span = await failedProcessSpan({ sanitize: { maxValueLength: 200 } }, () => errorNamed('PaymentDeclined', 'declined'));
  expect(exceptionType(span)).toBe('PaymentDeclined');
  expect(span.attributes['error.type']).toBe('PaymentDeclined');
});

// A class name or code built from job data is as personal as a message: exception.type is redacted like error.type
// (the same text on the span), where it was exported verbatim while error.type was redacted.
const PII = 'jane.doe@example.com Bearer abcDEF123456789xyzTOKENqq 4111111111111111';

function expectRedacted(value: unknown): void {
  expect(String(value)).toContain('[REDACTED:email]');
  expect(String(value)).not.toMatch(/jane\.doe|abcDEF123456789xyzTOKENqq|4111111111111111/);
}

test('PII in an error class name is redacted in exception.type, as in error.type', async () => {
  const span = await failedProcessSpan({}, () => errorNamed(`Declined ${PII}`, 'declined'));
  expectRedacted(exceptionType(span));
  expect(exceptionType(span)).toBe(span.attributes['error.type']);
});

test('PII in an error code is redacted in exception.type', async () => {
  const span = await failedProcessSpan({}, () => Object.assign(new Error('declined'), { code: `E_DECLINED ${PII}` }));
  expectRedacted(exceptionType(span));
});

test("PII in the name of a thrown plain object is redacted in exception.type", async () => {
  const span = await failedProcessSpan({}, () => ({ name: `objname ${PII}`, message: 'm' }) as Error);
  expectRedacted(exceptionType(span));
});

test('with sanitize: false, exception.type is the thrown type as it is', async () => {
  const span = await failedProcessSpan({ sanitize: false }, () => errorNamed(`Declined ${PII}`, 'declined'));
  expect(exceptionType(span)).toBe(`Declined ${PII}`);
});

test('a sandboxed processor\'s error code and name are redacted in exception.type too', async () => {
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const name = uniqueQueueName('exception-type-sandbox');
  const queue = new Queue(name, { connection, telemetry });
  closers.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
  await queue.add('charge', { name: `Named ${PII}`, code: `E_CODE ${PII}` });
  const worker = new Worker(name, join(__dirname, '..', 'fixtures', 'processes', 'throwing-processor.js'), { connection, telemetry });
  closers.push(() => worker.close());
  const span = await waitFor('process span', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0], 30_000);
  expect(exceptionType(span)).toMatch(/^E_CODE /);
  expectRedacted(exceptionType(span));
  expect(JSON.stringify(span.events)).not.toMatch(/jane\.doe|abcDEF123456789xyzTOKENqq|4111111111111111/);
}, 60_000);
