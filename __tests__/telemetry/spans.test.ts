import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { DelayedError, Queue, Worker } from 'bullmq';
import { QueueOtel } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, parentOf, spansNamed, waitFor } from '../support/tracing';
import { closeAfterEach } from '../support/close-after-each';

const { provider, exporter } = createTestTracing();
const connection = redisConnection();
const { closers } = closeAfterEach(() => exporter.reset());

function setup(options: ConstructorParameters<typeof QueueOtel>[0] = {}) {
  const telemetry = new QueueOtel({ tracerProvider: provider, ...options });
  const name = uniqueQueueName('spans');
  const queue = new Queue(name, { connection, telemetry });
  closers.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
  return { telemetry, name, queue };
}

function startWorker(name: string, telemetry: QueueOtel, processor: ConstructorParameters<typeof Worker>[1]) {
  const worker = new Worker(name, processor, { connection, telemetry, concurrency: 5 });
  closers.push(() => worker.close());
  return worker;
}

class PaymentDeclined extends Error {}

test('add and process follow the messaging conventions, the process span a child of the add span and linked to it', async () => {
  // Unsanitized: the default policy redacts an IP address such as the test Redis' 127.0.0.1 like any other.
  const { telemetry, name, queue } = setup({ sanitize: false });
  const job = await queue.add('welcome', { to: 'x' }, { priority: 3 });
  startWorker(name, telemetry, async () => 'ok');
  const process = await waitFor('process span', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
  const send = spansNamed(exporter.getFinishedSpans(), `add ${name}`)[0]!;

  expect(send.kind).toBe(SpanKind.PRODUCER);
  expect(send.attributes).toMatchObject({
    'messaging.system': 'bullmq',
    'messaging.destination.name': name,
    'messaging.operation.name': 'add',
    'messaging.operation.type': 'send',
    'messaging.message.id': job.id,
    'bullmq.job.name': 'welcome',
    'server.address': connection.host,
    'server.port': connection.port,
  });
  expect(send.attributes).not.toHaveProperty(['messaging.batch.message_count']);
  expect(process.kind).toBe(SpanKind.CONSUMER);
  expect(process.spanContext().traceId).toBe(send.spanContext().traceId);
  expect(parentOf(process)).toBe(send.spanContext().spanId);
  // The conventions' recommendation: the creation context as parent, and as a link too.
  expect(process.links.map((link) => link.context.spanId)).toEqual([send.spanContext().spanId]);
  expect(process.attributes).toMatchObject({
    'messaging.system': 'bullmq',
    'messaging.destination.name': name,
    'messaging.operation.name': 'process',
    'messaging.operation.type': 'process',
    'messaging.message.id': job.id,
    'bullmq.job.name': 'welcome',
    'bullmq.job.attempt': 1,
    'bullmq.job.priority': 3,
    'bullmq.job.outcome': 'completed',
    'server.address': connection.host,
    'server.port': connection.port,
  });
  expect(typeof process.attributes['messaging.client.id']).toBe('string');
  // Opt-in in the conventions, and off by default here; the size has one key only.
  expect(process.attributes).not.toHaveProperty(['messaging.message.body.size']);
  expect(Object.keys(process.attributes).filter((key) => key.includes('payload'))).toEqual([]);
  expect(typeof process.attributes['bullmq.job.wait_ms']).toBe('number');
  expect(process.status.code).toBe(SpanStatusCode.UNSET);
  // The metadata is in the job options, never in the payload.
  const stored = await queue.getJob(job.id!);
  expect(stored!.data).toEqual({ to: 'x' });
  expect(JSON.parse(stored!.opts.telemetry!.metadata!)).toEqual({ traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/) });
});

test('sampling attributes are present when the process span starts', async () => {
  const seen: Array<Record<string, unknown>> = [];
  // setup() only for a queue name whose keys are cleaned up afterwards.
  const { name } = setup();
  // A span processor sees exactly the attributes given at start.
  const { BasicTracerProvider } = await import('@opentelemetry/sdk-trace-base');
  const probe = new BasicTracerProvider({
    spanProcessors: [{ onStart: (s: { attributes: Record<string, unknown> }) => seen.push({ ...s.attributes }), onEnd() {}, shutdown: async () => {}, forceFlush: async () => {} } as never],
  });
  const probeOtel = new QueueOtel({ tracerProvider: probe, sanitize: false });
  const probeQueue = new Queue(name, { connection, telemetry: probeOtel });
  closers.push(() => probeQueue.close());
  await probeQueue.add('resize', { n: 1 });
  startWorker(name, probeOtel, async () => undefined);
  await waitFor('process start', () => seen.find((a) => a['messaging.operation.name'] === 'process'));
  const sendStart = seen.find((a) => a['messaging.operation.name'] === 'add')!;
  const processStart = seen.find((a) => a['messaging.operation.name'] === 'process')!;
  // The attributes the conventions list as sampling-relevant, server included, are there at start.
  const server = { 'server.address': connection.host, 'server.port': connection.port };
  expect(sendStart).toMatchObject({ 'messaging.destination.name': name, 'messaging.operation.type': 'send', 'bullmq.job.name': 'resize', ...server });
  expect(processStart).toMatchObject({ 'messaging.destination.name': name, 'messaging.operation.type': 'process', 'bullmq.job.name': 'resize', 'bullmq.job.attempt': 1, ...server });
});

test('addBulk is one addBulk span with the batch size, and every job continues its trace', async () => {
  const { telemetry, name, queue } = setup();
  await queue.addBulk([{ name: 'a', data: {} }, { name: 'b', data: {} }, { name: 'c', data: {} }]);
  startWorker(name, telemetry, async () => undefined);
  const processes = await waitFor('3 process spans', () => {
    const found = spansNamed(exporter.getFinishedSpans(), `process ${name}`);
    return found.length === 3 && found;
  });
  const send = spansNamed(exporter.getFinishedSpans(), `addBulk ${name}`);
  expect(send).toHaveLength(1);
  expect(send[0]!.kind).toBe(SpanKind.PRODUCER);
  expect(send[0]!.attributes).toMatchObject({ 'messaging.operation.name': 'addBulk', 'messaging.operation.type': 'send', 'messaging.batch.message_count': 3 });
  expect(spansNamed(exporter.getFinishedSpans(), `create ${name}`)).toEqual([]);
  for (const p of processes) expect(parentOf(p)).toBe(send[0]!.spanContext().spanId);
});

test('a failed attempt is an ERROR with the error class, a category, the exception and its stack', async () => {
  const { telemetry, name, queue } = setup();
  await queue.add('charge', { amount: 5 }, { attempts: 2 });
  startWorker(name, telemetry, async () => {
    throw new PaymentDeclined('card declined by issuer');
  });
  const processes = await waitFor('two attempts', () => {
    const found = spansNamed(exporter.getFinishedSpans(), `process ${name}`);
    return found.length === 2 && found;
  });
  const [first, second] = processes.sort((a, b) => Number(a.attributes['bullmq.job.attempt']) - Number(b.attributes['bullmq.job.attempt']));
  for (const span of [first!, second!]) {
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.status.message).toBe('card declined by issuer');
    expect(span.attributes['error.type']).toBe('PaymentDeclined');
    expect(span.attributes['bullmq.job.failure_category']).toBe('application');
    const exception = span.events.find((e) => e.name === 'exception')!;
    expect(exception.attributes!['exception.message']).toBe('card declined by issuer');
    expect(String(exception.attributes!['exception.stacktrace'])).toContain('spans.test.ts');
  }
  expect(first!.attributes['bullmq.job.outcome']).toBe('retried');
  expect(second!.attributes['bullmq.job.outcome']).toBe('failed');
  expect(second!.attributes['bullmq.job.attempt']).toBe(2);
  // Both attempts hang off the producer, not off each other.
  const send = spansNamed(exporter.getFinishedSpans(), `add ${name}`)[0]!;
  expect(parentOf(first!)).toBe(send.spanContext().spanId);
  expect(parentOf(second!)).toBe(send.spanContext().spanId);
});

test('a handler that throws synchronously also gives its error class to the span', async () => {
  const { telemetry, name, queue } = setup();
  await queue.add('charge', { amount: 5 });
  startWorker(name, telemetry, () => {
    throw new PaymentDeclined('declined before any await');
  });
  const process = await waitFor('process span', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
  expect(process.status.code).toBe(SpanStatusCode.ERROR);
  expect(process.attributes['error.type']).toBe('PaymentDeclined');
  expect(process.attributes['bullmq.job.outcome']).toBe('failed');
});

test("a traced job's handler promise goes back to BullMQ as it is: no extra promise per job to catch errors", async () => {
  const { telemetry, name, queue } = setup();
  const returned: unknown[] = [];
  const seen: unknown[] = [];
  const worker = startWorker(name, telemetry, () => {
    const promise = Promise.resolve('ok');
    returned.push(promise);
    return promise;
  });
  const hooked = Object.getPrototypeOf(worker).callProcessJob as (...args: unknown[]) => unknown;
  Object.assign(worker, {
    callProcessJob(this: Worker, ...args: unknown[]) {
      const result = hooked.apply(this, args);
      seen.push(result);
      return result;
    },
  });
  await queue.add('welcome', {});
  const process = await waitFor('process span', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
  expect(process.attributes['bullmq.job.outcome']).toBe('completed');
  expect(seen).toHaveLength(1);
  expect(seen[0]).toBe(returned[0]);
});

test('a handler that delays its job with DelayedError ends the attempt as delayed, not as an error', async () => {
  const { telemetry, name, queue } = setup();
  await queue.add('later', {});
  let attempts = 0;
  startWorker(name, telemetry, async (job, token) => {
    attempts += 1;
    if (attempts === 1) {
      await job.moveToDelayed(Date.now() + 100, token);
      throw new DelayedError();
    }
    return 'done';
  });
  const spans = await waitFor('both process spans', () => {
    const found = spansNamed(exporter.getFinishedSpans(), `process ${name}`);
    return found.length === 2 && found;
  });
  const [delayed, completed] = spans.sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
  expect(delayed!.attributes['bullmq.job.outcome']).toBe('delayed');
  expect(delayed!.status.code).not.toBe(SpanStatusCode.ERROR);
  expect(delayed!.attributes['error.type']).toBeUndefined();
  expect(completed!.attributes['bullmq.job.outcome']).toBe('completed');
});

test('the queue wait is drawn as a wait span beside the process span', async () => {
  const { telemetry, name, queue } = setup();
  await queue.add('slow-start', {}, { delay: 300 });
  startWorker(name, telemetry, async () => undefined);
  const process = await waitFor('process span', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
  const wait = spansNamed(exporter.getFinishedSpans(), `wait ${name}`)[0]!;
  expect(wait).toBeDefined();
  expect(parentOf(wait)).toBe(parentOf(process));
  expect(process.attributes['bullmq.job.delay_ms']).toBe(300);
  expect(Number(wait.attributes['bullmq.job.wait_ms'])).toBeGreaterThanOrEqual(0);
  // No messaging operation: BullMQ's keys only, never a `messaging.*` one it would have to follow the conventions for.
  expect(wait.kind).toBe(SpanKind.INTERNAL);
  expect(wait.attributes).toMatchObject({ 'bullmq.queue.name': name, 'bullmq.job.name': 'slow-start', 'bullmq.job.id': process.attributes['bullmq.job.id'] });
  expect(Object.keys(wait.attributes).filter((key) => key.startsWith('messaging.'))).toEqual([]);
});

test('a sampling attribute the attribute policy blocks is not on the span, not even while it runs', async () => {
  const { name } = setup();
  const telemetry = new QueueOtel({ tracerProvider: provider, sanitize: { extraBlockedAttributes: ['bullmq.job.name'] } });
  const queue = new Queue(name, { connection, telemetry });
  closers.push(() => queue.close());
  await queue.add('secret-name', {});
  const send = await waitFor('add span', () => spansNamed(exporter.getFinishedSpans(), `add ${name}`)[0]);
  expect(send.attributes).not.toHaveProperty(['bullmq.job.name']);
  expect(JSON.stringify(send.attributes)).not.toContain('secret-name');
});
