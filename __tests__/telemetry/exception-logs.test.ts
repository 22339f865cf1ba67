import { SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { AlwaysOffSampler, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Queue, Worker } from 'bullmq';
import { join } from 'node:path';
import type { QueueOtel } from '../../src';
import { QueueEventsObserver } from '../../src/observer';
import { exceptionEventsFromEnv, exceptionLogsFromEnv } from '../../src/telemetry/options';
import { PACKAGE_VERSION } from '../../src/version';
import { observerHarness } from '../observer/observer-harness';
import { runFixture } from '../support/processes';
import { redisUrl, uniqueQueueName } from '../support/redis';
import { waitFor } from '../support/tracing';

/**
 * OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN with logs: a failure QueueOtel would record as an `exception` span event is a
 * log record of the messaging conventions' exception events, through the global LoggerProvider (the real SDK's, with
 * an in-memory exporter), in the context of the failed operation's span.
 */
const h = observerHarness();
const logExporter = new InMemoryLogRecordExporter();
const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: logExporter })] });
const saved = process.env.OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN;

beforeAll(() => {
  logs.setGlobalLoggerProvider(loggerProvider);
});
afterAll(async () => {
  logs.disable();
  await loggerProvider.shutdown();
});
afterEach(async () => {
  await h.closeAll();
  logExporter.reset();
  if (saved === undefined) delete process.env.OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN;
  else process.env.OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN = saved;
});

function optIn(value: string | undefined): void {
  if (value === undefined) delete process.env.OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN;
  else process.env.OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN = value;
}

function queueWith(telemetry: QueueOtel): Queue {
  const queue = new Queue(uniqueQueueName('exclogs'), { connection: h.connection, telemetry });
  h.closers.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
  return queue;
}

function failingWorker(queue: Queue, telemetry: QueueOtel, error: () => Error): Worker {
  const worker = new Worker(
    queue.name,
    async (): Promise<unknown> => {
      throw error();
    },
    { connection: h.connection, telemetry },
  );
  h.closers.push(() => worker.close());
  return worker;
}

/** A failed send (BullMQ refuses the job id) and a failed attempt; their spans once both ended. */
async function failSendAndAttempt(telemetry: QueueOtel, error: () => Error): Promise<{ add: ReadableSpan; attempt: ReadableSpan }> {
  const queue = queueWith(telemetry);
  await expect(queue.add('bad', {}, { jobId: '0' })).rejects.toThrow(/cannot be '0'/);
  await queue.add('charge', {}, { attempts: 1 });
  failingWorker(queue, telemetry, error);
  const attempt = await waitFor('process span', () => h.spansOf(queue.name).find((span) => span.name === `process ${queue.name}`));
  const add = h.spansOf(queue.name).find((span) => span.name === `add ${queue.name}` && span.status.code === SpanStatusCode.ERROR)!;
  expect(add).toBeDefined();
  return { add, attempt };
}

const exceptionEvents = (span: ReadableSpan) => span.events.filter((event) => event.name === 'exception');
const records = (eventName: string): ReadableLogRecord[] => logExporter.getFinishedLogRecords().filter((record) => record.eventName === eventName);

/** Whether the record carries the span's trace id, span id and flags. */
function expectInContextOf(record: ReadableLogRecord, span: ReadableSpan): void {
  const ids = span.spanContext();
  expect(record.spanContext).toMatchObject({ traceId: ids.traceId, spanId: ids.spanId, traceFlags: TraceFlags.SAMPLED });
}

test('the opt-in values: logs and logs/dup ask for log records, anything else does not', () => {
  expect(exceptionLogsFromEnv({})).toBe(false);
  expect(exceptionLogsFromEnv({ OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN: 'logs' })).toBe(true);
  expect(exceptionLogsFromEnv({ OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN: ' Logs/Dup ' })).toBe(true);
  expect(exceptionLogsFromEnv({ OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN: 'http,logs' })).toBe(true);
  expect(exceptionLogsFromEnv({ OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN: 'http' })).toBe(false);
  expect(exceptionEventsFromEnv({ OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN: 'http,logs' })).toBe(false);
});

test('with logs, a failed attempt and a failed send are log records in their spans’ context, not span events', async () => {
  optIn('logs');
  const telemetry = h.otel();
  const { add, attempt } = await failSendAndAttempt(telemetry, () => new TypeError('card declined for ada.lovelace@example.org'));
  const processed = await waitFor('process exception record', () => records('messaging.process.exception')[0]);
  const sent = records('messaging.send.exception')[0]!;
  expect(sent).toBeDefined();

  // The conventions' severities: a consumer's failed processing is ERROR, a producer's failed send WARN.
  expect(processed).toMatchObject({ severityNumber: 17, severityText: 'ERROR' });
  expect(sent).toMatchObject({ severityNumber: 13, severityText: 'WARN' });
  expectInContextOf(processed, attempt);
  expectInContextOf(sent, add);
  for (const record of [processed, sent]) {
    expect(record.instrumentationScope).toMatchObject({ name: 'queue-otel', version: PACKAGE_VERSION });
    expect(record.body).toBeUndefined();
  }
  // The exception attributes and nothing else (no job data): sanitized, the e-mail address redacted in message and stack.
  expect(Object.keys(processed.attributes).sort()).toEqual(['exception.message', 'exception.stacktrace', 'exception.type']);
  expect(processed.attributes['exception.type']).toBe('TypeError');
  expect(processed.attributes['exception.message']).toBe('card declined for [REDACTED:email]');
  expect(processed.attributes['exception.stacktrace']).toMatch(/^TypeError: card declined for \[REDACTED:email\]\n/);
  expect(JSON.stringify(logExporter.getFinishedLogRecords().map((record) => record.attributes))).not.toContain('ada.lovelace');
  expect(sent.attributes['exception.message']).toMatch(/cannot be '0'/);

  // Status and error.type stay; the span events do not.
  for (const span of [attempt, add]) {
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(exceptionEvents(span)).toEqual([]);
  }
  expect(attempt.attributes['error.type']).toBe('TypeError');
  // One record per exception: BullMQ's own copy of the handler's error on the process span is not a second one.
  expect(records('messaging.process.exception')).toHaveLength(1);
  expect(records('messaging.send.exception')).toHaveLength(1);
  expect(h.warnings).toEqual([]);
});

test('with logs/dup, each exception is both: the log record has exactly the span event’s attributes', async () => {
  optIn('logs/dup');
  const telemetry = h.otel();
  // A class name built from data is redacted in exception.type like error.type: the same text in both signals.
  const { add, attempt } = await failSendAndAttempt(telemetry, () => {
    const error = new Error('refund of ada.lovelace@example.org failed');
    error.name = 'RefundError:ada.lovelace@example.org';
    return error;
  });
  const processed = await waitFor('process exception record', () => records('messaging.process.exception')[0]);
  const sent = records('messaging.send.exception')[0]!;
  expect(exceptionEvents(attempt)).toHaveLength(1);
  expect(exceptionEvents(add)).toHaveLength(1);
  expect(processed.attributes).toEqual(exceptionEvents(attempt)[0]!.attributes);
  expect(sent.attributes).toEqual(exceptionEvents(add)[0]!.attributes);
  expect(processed.attributes['exception.type']).toBe('RefundError:[REDACTED:email]');
  expect(processed.attributes['exception.message']).toBe('refund of [REDACTED:email] failed');
  expectInContextOf(processed, attempt);
  expectInContextOf(sent, add);
});

test('a QueueOtel with sanitize: false warns at construction that its exception log records leave unsanitized', () => {
  optIn('logs');
  h.otel({ sanitize: false });
  expect(h.warnings).toEqual([expect.stringContaining('this QueueOtel has sanitize: false: their exception.message and exception.stacktrace are emitted unsanitized')]);
  // Only when records are asked for: its span events go through the span processors like its spans.
  h.warnings.length = 0;
  optIn('logs/dup');
  h.otel();
  optIn(undefined);
  h.otel({ sanitize: false });
  expect(h.warnings).toEqual([]);
});

test('without the opt-in, exceptions are span events only: no log record', async () => {
  optIn(undefined);
  const telemetry = h.otel();
  const { add, attempt } = await failSendAndAttempt(telemetry, () => new Error('declined'));
  expect(exceptionEvents(attempt)).toHaveLength(1);
  expect(exceptionEvents(add)).toHaveLength(1);
  expect(logExporter.getFinishedLogRecords()).toEqual([]);
});

// `lean` starts no process span for an unsampled job at all; `propagate` starts a non-recording one, whose end and
// recordException must check that it records before emitting.
test.each(['lean', 'propagate'] as const)('like span events, the exceptions of unsampled jobs are not recorded (unsampledJobs: %s)', async (unsampledJobs) => {
  optIn('logs');
  const telemetry = h.otel({ tracerProvider: new BasicTracerProvider({ sampler: new AlwaysOffSampler() }), unsampledJobs });
  const queue = queueWith(telemetry);
  await expect(queue.add('bad', {}, { jobId: '0' })).rejects.toThrow(/cannot be '0'/);
  await queue.add('charge', {}, { attempts: 1 });
  const worker = failingWorker(queue, telemetry, () => new Error('declined'));
  await new Promise<void>((resolve) => worker.once('failed', () => resolve()));
  await worker.close();
  expect(logExporter.getFinishedLogRecords()).toEqual([]);
});

test('nor are those of unsampled jobs an uninstrumented worker processed', async () => {
  optIn('logs');
  const telemetry = h.otel({ tracerProvider: new BasicTracerProvider({ sampler: new AlwaysOffSampler() }) });
  const { name, queue, events } = await h.queueAndEvents(telemetry);
  const observer = new QueueEventsObserver(telemetry, events);
  h.closers.push(() => observer.close());
  await queue.add('charge', {}, { attempts: 1 });
  h.plainWorker(name, async () => {
    throw new Error('declined');
  });
  await waitFor('observed process span', () => observer.stats().processed >= 1 || undefined);
  await observer.flush();
  expect(logExporter.getFinishedLogRecords()).toEqual([]);
});

test('a record is stamped with the exception’s time: its span event’s, not the time it was emitted', async () => {
  optIn('logs/dup');
  const telemetry = h.otel();
  const { add, attempt } = await failSendAndAttempt(telemetry, () => new Error('declined'));
  const processed = await waitFor('process exception record', () => records('messaging.process.exception')[0]);
  const sent = records('messaging.send.exception')[0]!;
  expect(processed.hrTime).toEqual(exceptionEvents(attempt)[0]!.time);
  expect(sent.hrTime).toEqual(exceptionEvents(add)[0]!.time);
});

test('with logs, the failure of a job an uninstrumented worker processed is a log record of its observed process span', async () => {
  optIn('logs');
  const telemetry = h.otel();
  const { name, queue, events } = await h.queueAndEvents(telemetry);
  const observer = new QueueEventsObserver(telemetry, events);
  h.closers.push(() => observer.close());
  await queue.add('charge', {}, { attempts: 1 });
  h.plainWorker(name, async () => {
    throw new Error('card declined for ada.lovelace@example.org');
  });
  await waitFor('observed process span', () => observer.stats().processed >= 1 || undefined);
  await observer.flush();
  const process = h.spansOf(name).find((span) => span.name === `process ${name}`)!;
  const [record, ...more] = records('messaging.process.exception');
  expect(more).toEqual([]);
  expect(record).toMatchObject({ severityNumber: 17, attributes: { 'exception.type': '_OTHER', 'exception.message': 'card declined for [REDACTED:email]' } });
  expectInContextOf(record!, process);
  expect(exceptionEvents(process)).toEqual([]);
  // Stamped when the job failed (the span's end), not when the observer saw it.
  expect(record!.hrTime).toEqual(process.endTime);
});

test('a LoggerProvider that throws costs the attempt nothing: its span still ends failed, the failure is reported', async () => {
  optIn('logs');
  const throwing = new LoggerProvider({
    processors: [
      {
        onEmit: () => {
          throw new Error('processor broke');
        },
        forceFlush: async () => undefined,
        shutdown: async () => undefined,
      },
    ],
  });
  // Swapped after the QueueOtel exists: the logger is asked of the global provider for each record.
  const telemetry = h.otel();
  logs.disable();
  logs.setGlobalLoggerProvider(throwing);
  try {
    const { attempt } = await failSendAndAttempt(telemetry, () => new Error('declined'));
    expect(attempt.status.code).toBe(SpanStatusCode.ERROR);
    expect(attempt.attributes['bullmq.job.outcome']).toBe('failed');
    expect(h.warnings).toEqual([expect.stringContaining('exception log record failed with Error')]);
  } finally {
    logs.disable();
    logs.setGlobalLoggerProvider(loggerProvider);
  }
});

test('without @opentelemetry/api-logs, logs keeps the span events and warns once', async () => {
  const out = await runFixture('exception-logs-missing.ts', {
    REDIS_URL: redisUrl(),
    QUEUE: uniqueQueueName('exclogs-missing'),
    OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN: 'logs',
    NODE_OPTIONS: `--require ${join(__dirname, '..', 'fixtures', 'processes', 'hide-packages.cjs')}`,
    HIDE_PACKAGES: '@opentelemetry/api-logs',
  });
  const result = JSON.parse(out) as { warnings: string[]; events: Array<Record<string, unknown>>; resolvable: boolean };
  // The package really could not be resolved in the child.
  expect(result.resolvable).toBe(false);
  expect(result.warnings).toEqual([expect.stringContaining('@opentelemetry/api-logs is not installed: exceptions are recorded as span events instead')]);
  expect(result.events).toEqual([expect.objectContaining({ 'exception.type': 'Error', 'exception.message': 'declined' })]);
});
