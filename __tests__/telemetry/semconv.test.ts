import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { QueueOtel } from '../../src';
import type { OperationReport, SendReport } from '../../src';
import { exceptionEventsFromEnv } from '../../src/telemetry/options';
import { serverAddressOf } from '../../src/telemetry/server-address';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, parentOf, spansNamed, waitFor } from '../support/tracing';
import { closeAfterEach } from '../support/close-after-each';

/** What the messaging conventions ask of spans beyond their names: failed sends, create spans, opt-ins, the server. */
const { provider, exporter } = createTestTracing();
const connection = redisConnection();
const { closers } = closeAfterEach(() => exporter.reset());

function queueWith(telemetry: QueueOtel, name = uniqueQueueName('semconv')): Queue {
  const queue = new Queue(name, { connection, telemetry });
  closers.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
  return queue;
}

function workerOn(name: string, telemetry: QueueOtel, options: { name?: string; processor?: () => Promise<unknown> } = {}): Worker {
  const worker = new Worker(name, options.processor ?? (async () => 'ok'), { connection, telemetry, ...(options.name ? { name: options.name } : {}) });
  closers.push(() => worker.close());
  return worker;
}

test('a send BullMQ refuses ends its span with ERROR, the error class and a category, and is counted as attempted', async () => {
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const sent: SendReport[] = [];
  const operations: OperationReport[] = [];
  telemetry.addObserver({ onSent: (report) => sent.push(report), onOperationEnd: (report) => operations.push(report) });
  const queue = queueWith(telemetry);
  await expect(queue.add('welcome', {}, { jobId: '0' })).rejects.toThrow(/cannot be '0'/);
  const add = await waitFor('add span', () => spansNamed(exporter.getFinishedSpans(), `add ${queue.name}`)[0]);
  expect(add.status.code).toBe(SpanStatusCode.ERROR);
  expect(add.status.message).toMatch(/cannot be '0'/);
  // BullMQ's own option check: a validation failure, not the application's.
  expect(add.attributes).toMatchObject({ 'error.type': 'Error', 'bullmq.job.failure_category': 'validation', 'messaging.operation.name': 'add' });
  // BullMQ recorded the exception itself; QueueOtel adds no second event.
  expect(add.events.filter((event) => event.name === 'exception')).toHaveLength(1);
  expect(sent).toEqual([expect.objectContaining({ queue: queue.name, jobName: 'welcome', count: 1, operation: 'add', errorType: 'Error' })]);
  expect(operations).toEqual([expect.objectContaining({ queue: queue.name, operation: 'add', errorType: 'Error' })]);
});

test('a TypeError thrown by a handler is an application failure (a bug), not a validation one', async () => {
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const queue = queueWith(telemetry);
  workerOn(queue.name, telemetry, {
    processor: async () => {
      throw new TypeError('bad');
    },
  });
  await queue.add('welcome', {});
  const process = await waitFor('process span', () => spansNamed(exporter.getFinishedSpans(), `process ${queue.name}`)[0]);
  expect(process.status.code).toBe(SpanStatusCode.ERROR);
  expect(process.attributes).toMatchObject({ 'error.type': 'TypeError', 'bullmq.job.failure_category': 'application' });
});

test('a send to a closed connection is an ERROR with the connection category', async () => {
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const name = uniqueQueueName('closed');
  const queue = new Queue(name, { connection, telemetry });
  await queue.waitUntilReady();
  await queue.close();
  await expect(queue.add('welcome', {})).rejects.toThrow(/Connection is closed/);
  const add = await waitFor('add span', () => spansNamed(exporter.getFinishedSpans(), `add ${name}`)[0]);
  expect(add.status.code).toBe(SpanStatusCode.ERROR);
  expect(typeof add.attributes['error.type']).toBe('string');
  expect(add.attributes['bullmq.job.failure_category']).toBe('connection');
});

test('a successful send leaves the status unset and sets no error.type', async () => {
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const queue = queueWith(telemetry);
  await queue.add('welcome', {});
  const add = await waitFor('add span', () => spansNamed(exporter.getFinishedSpans(), `add ${queue.name}`)[0]);
  expect(add.status.code).toBe(SpanStatusCode.UNSET);
  expect(add.attributes).not.toHaveProperty(['error.type']);
});

test('createSpans: each job of an addBulk gets a create span as its creation context, linked from the CLIENT addBulk span', async () => {
  const telemetry = new QueueOtel({ tracerProvider: provider, createSpans: true });
  const queue = queueWith(telemetry);
  const own = '{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}';
  const jobs = [
    { name: 'a', data: {} },
    { name: 'b', data: {} },
    { name: 'custom', data: {}, opts: { telemetry: { metadata: own } } },
  ];
  const added = await queue.addBulk(jobs);
  // The caller's objects are never changed.
  expect(jobs[0]).toEqual({ name: 'a', data: {} });
  workerOn(queue.name, telemetry);
  const processes = await waitFor('3 process spans', () => {
    const found = spansNamed(exporter.getFinishedSpans(), `process ${queue.name}`);
    return found.length === 3 && found;
  });
  const creates = spansNamed(exporter.getFinishedSpans(), `create ${queue.name}`);
  const bulk = spansNamed(exporter.getFinishedSpans(), `addBulk ${queue.name}`)[0]!;
  // A job with a creation context of its own keeps it and gets no create span.
  expect(creates.map((span) => span.attributes['bullmq.job.name']).sort()).toEqual(['a', 'b']);
  for (const create of creates) {
    expect(create.kind).toBe(SpanKind.PRODUCER);
    expect(create.attributes).toMatchObject({ 'messaging.operation.name': 'create', 'messaging.operation.type': 'create', 'messaging.destination.name': queue.name });
  }
  expect(bulk.kind).toBe(SpanKind.CLIENT);
  expect(bulk.attributes).toMatchObject({ 'messaging.operation.type': 'send', 'messaging.batch.message_count': 3 });
  expect(bulk.links.map((link) => link.context.spanId).sort()).toEqual(creates.map((span) => span.spanContext().spanId).sort());
  for (const create of creates) {
    const process = processes.find((span) => span.attributes['bullmq.job.name'] === create.attributes['bullmq.job.name'])!;
    expect(parentOf(process)).toBe(create.spanContext().spanId);
  }
  const custom = added.find((job) => job.name === 'custom')!;
  expect((await queue.getJob(custom.id!))!.opts.telemetry!.metadata).toBe(own);
});

test('messaging.client.id is the worker name when it has one', async () => {
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const queue = queueWith(telemetry);
  await queue.add('welcome', {});
  workerOn(queue.name, telemetry, { name: 'mailer-1' });
  const process = await waitFor('process span', () => spansNamed(exporter.getFinishedSpans(), `process ${queue.name}`)[0]);
  expect(process.attributes['messaging.client.id']).toBe('mailer-1');
});

describe('OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN', () => {
  const saved = process.env.OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN;
  afterEach(() => {
    if (saved === undefined) delete process.env.OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN;
    else process.env.OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN = saved;
  });

  test('its values: logs drops the span events, logs/dup and anything else keep them', () => {
    expect(exceptionEventsFromEnv({})).toBe(true);
    expect(exceptionEventsFromEnv({ OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN: 'logs' })).toBe(false);
    expect(exceptionEventsFromEnv({ OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN: ' Logs ' })).toBe(false);
    expect(exceptionEventsFromEnv({ OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN: 'logs/dup' })).toBe(true);
    expect(exceptionEventsFromEnv({ OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN: 'logs,logs/dup' })).toBe(true);
    expect(exceptionEventsFromEnv({ OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN: 'http' })).toBe(true);
  });

  test('with logs, a failed attempt and a failed send keep status and error.type but record no exception event', async () => {
    process.env.OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN = 'logs';
    const telemetry = new QueueOtel({ tracerProvider: provider });
    const queue = queueWith(telemetry);
    await expect(queue.add('bad', {}, { jobId: '0' })).rejects.toThrow();
    await queue.add('charge', {});
    workerOn(queue.name, telemetry, {
      processor: async () => {
        throw new TypeError('declined');
      },
    });
    const attempt = await waitFor('process span', () => spansNamed(exporter.getFinishedSpans(), `process ${queue.name}`)[0]);
    const failedAdd = spansNamed(exporter.getFinishedSpans(), `add ${queue.name}`).find((span) => span.status.code === SpanStatusCode.ERROR)!;
    for (const span of [attempt, failedAdd]) {
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.events.filter((event) => event.name === 'exception')).toEqual([]);
    }
    expect(attempt.attributes['error.type']).toBe('TypeError');
  });
});

describe('server.address and server.port come from the connection option, read once per instance', () => {
  const at = (connection: unknown) => serverAddressOf({ opts: { connection } });

  test('connection options, URLs, sockets and clusters', () => {
    expect(at({ host: 'redis.internal', port: 6380 })).toEqual({ address: 'redis.internal', port: 6380 });
    expect(at({})).toEqual({ address: 'localhost', port: 6379 });
    expect(at(undefined)).toEqual({ address: 'localhost', port: 6379 });
    expect(at({ path: '/run/redis.sock' })).toEqual({ address: '/run/redis.sock', port: undefined });
    expect(at({ url: 'redis://user:secret@cache.example:7000/2' })).toEqual({ address: 'cache.example', port: 7000 });
    expect(at({ socket: { host: 'node-redis.example', port: 7001 }, sendCommand: () => undefined, options: { socket: { host: 'node-redis.example', port: 7001 } } })).toEqual({
      address: 'node-redis.example',
      port: 7001,
    });
    expect(at({ startupNodes: [{ host: 'n1', port: 7002 }, { host: 'n2', port: 7003 }] })).toEqual({ address: 'n1', port: 7002 });
    expect(at({ startupNodes: ['n3:7004'] })).toEqual({ address: 'n3', port: 7004 });
    expect(at({ startupNodes: [7005] })).toEqual({ address: 'localhost', port: 7005 });
    expect(at({ startupNodes: [] })).toBeUndefined();
  });

  test('an ioredis client: its options, never its password', () => {
    const client = new Redis({ host: 'redis.internal', port: 6390, password: 'hunter2', lazyConnect: true });
    try {
      const address = at(client);
      expect(address).toEqual({ address: 'redis.internal', port: 6390 });
      expect(JSON.stringify(address)).not.toContain('hunter2');
    } finally {
      client.disconnect();
    }
  });

  test('anything else gives no address and never throws', () => {
    const throwing = new Proxy({}, { get: () => { throw new Error('no'); } });
    for (const connection of [null, 42, 'redis://x', [], { host: 3, port: 'x' }, throwing]) expect(() => at(connection)).not.toThrow();
    expect(at(null)).toBeUndefined();
    expect(at({ port: 99999 })).toEqual({ address: 'localhost', port: 6379 });
    expect(serverAddressOf(undefined)).toBeUndefined();
    const instance = { opts: { connection: { host: 'a' } } };
    expect(serverAddressOf(instance)).toEqual({ address: 'a', port: 6379 });
    // Read once: a later change of the options is not seen.
    instance.opts.connection.host = 'b';
    expect(serverAddressOf(instance)).toEqual({ address: 'a', port: 6379 });
  });
});
