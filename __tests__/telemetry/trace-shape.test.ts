import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { FlowProducer, Queue, Worker } from 'bullmq';
import { QueueOtel, QueueSampler } from '../../src';
import type { PropagationMode } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, parentOf, spansNamed, waitFor } from '../support/tracing';
import { closeAfterEach } from '../support/close-after-each';

const { provider, exporter } = createTestTracing();
const connection = redisConnection();
const { track } = closeAfterEach(() => exporter.reset());

async function runOne(mode: PropagationMode) {
  const name = uniqueQueueName(mode);
  const telemetry = new QueueOtel({ tracerProvider: provider, propagation: { '*': 'child', [name]: mode } });
  const queue = track(new Queue(name, { connection, telemetry }));
  await queue.add('j', {});
  track(new Worker(name, async () => undefined, { connection, telemetry }));
  const processSpan = await waitFor('process', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
  const send = spansNamed(exporter.getFinishedSpans(), `add ${name}`)[0]!;
  const wait = spansNamed(exporter.getFinishedSpans(), `wait ${name}`)[0]!;
  return { processSpan, send, wait };
}

/** A process span that is its trace's root has the wait span as its child (one trace per job), starting before it. */
function expectWaitUnder(processSpan: ReadableSpan, wait: ReadableSpan): void {
  expect(wait.spanContext().traceId).toBe(processSpan.spanContext().traceId);
  expect(parentOf(wait)).toBe(processSpan.spanContext().spanId);
  expect(hrTimeToMilliseconds(wait.startTime)).toBeLessThanOrEqual(hrTimeToMilliseconds(processSpan.startTime));
}

test('propagation "child" puts the wait span beside the process span, under the producer', async () => {
  const { processSpan, send, wait } = await runOne('child');
  expect(parentOf(processSpan)).toBe(send.spanContext().spanId);
  expect(parentOf(wait)).toBe(send.spanContext().spanId);
});

test('propagation "link" starts a new trace linked to the producer', async () => {
  const { processSpan, send, wait } = await runOne('link');
  expect(processSpan.spanContext().traceId).not.toBe(send.spanContext().traceId);
  expect(parentOf(processSpan)).toBeUndefined();
  expect(processSpan.links.map((l) => l.context.spanId)).toEqual([send.spanContext().spanId]);
  expectWaitUnder(processSpan, wait);
});

test('propagation "none" starts an unconnected trace', async () => {
  const { processSpan, send, wait } = await runOne('none');
  expect(processSpan.spanContext().traceId).not.toBe(send.spanContext().traceId);
  expect(parentOf(processSpan)).toBeUndefined();
  expect(processSpan.links).toEqual([]);
  expectWaitUnder(processSpan, wait);
});

test('bad metadata starts a new root, never fails or delays the job, and is counted and logged once', async () => {
  const name = uniqueQueueName('bad');
  const warnings: string[] = [];
  const telemetry = new QueueOtel({ tracerProvider: provider, logger: (m) => warnings.push(m) });
  const plain = track(new Queue(name, { connection }));
  const bad = [
    'not json at all',
    '{"traceparent":"ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}',
    '{"traceparent":"00-00000000000000000000000000000000-b7ad6b7169203331-01"}',
    '{"traceparent":"00-xyz"}',
    '[1,2,3]',
    `{"traceparent":"${'a'.repeat(3 * 1024 * 1024)}"}`,
  ];
  for (const metadata of bad) await plain.add('bad', {}, { telemetry: { metadata } });
  const done: string[] = [];
  const ambient = provider.getTracer('app').startSpan('worker start-up');
  context.with(trace.setSpan(context.active(), ambient), () => {
    track(new Worker(name, async (job) => { done.push(job.id!); }, { connection, telemetry }));
  });
  await waitFor('all bad jobs processed', () => done.length === bad.length, 15_000);
  ambient.end();
  const processes = await waitFor('spans', () => {
    const found = spansNamed(exporter.getFinishedSpans(), `process ${name}`);
    return found.length === bad.length && found;
  });
  for (const span of processes) {
    expect(parentOf(span)).toBeUndefined();
    expect(span.spanContext().traceId).not.toBe(ambient.spanContext().traceId);
  }
  const counts = telemetry.propagationFailures.snapshot();
  expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(bad.length);
  expect(counts['extract/too_long']).toBe(1);
  expect(counts['extract/not_json']).toBe(1);
  expect(counts['extract/unsupported_version']).toBe(1);
  expect(warnings).toHaveLength(1);
});

test('a job without metadata is a root, not a child of the worker\'s ambient context', async () => {
  const name = uniqueQueueName('nometa');
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const plain = track(new Queue(name, { connection }));
  await plain.add('plain', {});
  const ambient = provider.getTracer('app').startSpan('app start-up');
  context.with(trace.setSpan(context.active(), ambient), () => {
    track(new Worker(name, async () => undefined, { connection, telemetry }));
  });
  const processSpan = await waitFor('process', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
  ambient.end();
  expect(parentOf(processSpan)).toBeUndefined();
  expect(processSpan.spanContext().traceId).not.toBe(ambient.spanContext().traceId);
  // Nothing BullMQ does in the background lands in the start-up trace.
  const inStartup = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === ambient.spanContext().traceId);
  expect(inStartup.map((s) => s.name)).toEqual(['app start-up']);
});

test('INTERNAL spans are off by default; switched on, background ones start their own traces', async () => {
  const name = uniqueQueueName('internal');
  const off = new QueueOtel({ tracerProvider: provider });
  const queue = track(new Queue(name, { connection, telemetry: off }));
  await queue.add('j', {});
  const worker = track(new Worker(name, async () => undefined, { connection, telemetry: off }));
  await waitFor('process', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
  expect(exporter.getFinishedSpans().every((s) => s.attributes['messaging.operation.type'] !== 'settle')).toBe(true);
  await worker.close();
  exporter.reset();

  const on = new QueueOtel({ tracerProvider: provider, internalSpans: true });
  const queue2 = track(new Queue(name, { connection, telemetry: on }));
  await queue2.add('j2', {});
  const ambient = provider.getTracer('app').startSpan('boot');
  context.with(trace.setSpan(context.active(), ambient), () => {
    track(new Worker(name, async () => undefined, { connection, telemetry: on, stalledInterval: 200 }));
  });
  const processSpan = await waitFor('process', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
  const complete = await waitFor('complete span', () => spansNamed(exporter.getFinishedSpans(), `complete ${name}`)[0]);
  expect(complete.spanContext().traceId).toBe(processSpan.spanContext().traceId);
  // A settle span is a CLIENT call to the broker, named by BullMQ's operation.
  expect(complete.kind).toBe(SpanKind.CLIENT);
  expect(complete.attributes).toMatchObject({ 'messaging.operation.name': 'complete', 'messaging.operation.type': 'settle', 'messaging.destination.name': name });
  expect(typeof complete.attributes['server.address']).toBe('string');
  await waitFor('a background span', () => exporter.getFinishedSpans().find((s) => /moveStalledJobsToWait|startStalledCheckTimer/.test(s.name)), 5000);
  ambient.end();
  const traceOfJob = processSpan.spanContext().traceId;
  for (const span of exporter.getFinishedSpans()) {
    if (/moveStalledJobsToWait|startStalledCheckTimer|extendLocks|close/.test(span.name)) {
      expect(span.spanContext().traceId).not.toBe(traceOfJob);
      expect(span.spanContext().traceId).not.toBe(ambient.spanContext().traceId);
    }
  }
});

test('each iteration of a job scheduler is its own trace, linked to the scheduler\'s', async () => {
  const name = uniqueQueueName('sched');
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const queue = track(new Queue(name, { connection, telemetry }));
  await queue.upsertJobScheduler('every-200ms', { every: 200 }, { name: 'tick', data: {} });
  track(new Worker(name, async () => undefined, { connection, telemetry }));
  const ticks = await waitFor('3 iterations', () => {
    const found = spansNamed(exporter.getFinishedSpans(), `process ${name}`);
    return found.length >= 3 && found;
  }, 10_000);
  const traceIds = new Set(ticks.map((s) => s.spanContext().traceId));
  expect(traceIds.size).toBe(ticks.length);
  const linked = new Set(ticks.map((s) => s.links[0]?.context.traceId));
  expect(linked.size).toBe(1);
  expect([...linked][0]).toMatch(/^[0-9a-f]{32}$/);
  for (const tick of ticks) expect(parentOf(tick)).toBeUndefined();
  await queue.removeJobScheduler('every-200ms');
});

test('iterations of a job scheduler are sampled at their rate, not all-or-nothing by the upsert\'s decision', async () => {
  const name = uniqueQueueName('sched');
  // The upsert is not sampled; the iterations' job name is sampled at 1.
  const sampler = new QueueSampler({ default: 0, jobs: { [`${name}:tick`]: 1 } });
  const sampled = new BasicTracerProvider({ sampler, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const telemetry = new QueueOtel({ tracerProvider: sampled });
  const queue = track(new Queue(name, { connection, telemetry }));
  await context.with(trace.setSpanContext(ROOT_CONTEXT, { traceId: 'c'.repeat(32), spanId: 'd'.repeat(16), traceFlags: TraceFlags.NONE, isRemote: true }), () =>
    queue.upsertJobScheduler('every-200ms', { every: 200 }, { name: 'tick', data: {} }),
  );
  track(new Worker(name, async () => undefined, { connection, telemetry }));
  const ticks = await waitFor('2 sampled iterations', () => {
    const found = spansNamed(exporter.getFinishedSpans(), `process ${name}`);
    return found.length >= 2 && found;
  }, 10_000);
  // The upsert itself was not recorded (nor are the worker's sends that schedule each next iteration).
  expect(exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === 'c'.repeat(32))).toHaveLength(0);
  for (const tick of ticks) {
    // No link to the upsert: it was not sampled, so no backend has it.
    expect(tick.links).toEqual([]);
    expect(tick.attributes['bullmq.job.scheduler_id']).toBe('every-200ms');
  }
  await queue.removeJobScheduler('every-200ms');
});

test('a flow shares one trace, also for nodes declared without opts', async () => {
  const parentQueue = uniqueQueueName('flow-parent');
  const childQueue = uniqueQueueName('flow-child');
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const flow = track(new FlowProducer({ connection, telemetry }));
  const root = provider.getTracer('app').startSpan('checkout');
  await context.with(trace.setSpan(context.active(), root), () =>
    flow.add({
      name: 'assemble',
      queueName: parentQueue,
      children: [
        { name: 'part-a', queueName: childQueue, data: {} },
        { name: 'part-b', queueName: childQueue, data: {}, opts: { priority: 1 } },
      ],
    }),
  );
  root.end();
  track(new Worker(childQueue, async () => undefined, { connection, telemetry }));
  track(new Worker(parentQueue, async () => undefined, { connection, telemetry }));
  await waitFor('parent processed', () => spansNamed(exporter.getFinishedSpans(), `process ${parentQueue}`)[0], 10_000);
  const processes = exporter.getFinishedSpans().filter((s) => s.name.startsWith('process '));
  expect(processes).toHaveLength(3);
  for (const span of processes) expect(span.spanContext().traceId).toBe(root.spanContext().traceId);
  for (const q of [parentQueue, childQueue]) {
    const queue = new Queue(q, { connection });
    await queue.obliterate({ force: true });
    await queue.close();
  }
});

test('a flow parent failed by its child is an ERROR with the error BullMQ fails it with, though its handler never ran', async () => {
  const parentQueue = uniqueQueueName('fpof-parent');
  const childQueue = uniqueQueueName('fpof-child');
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const flow = track(new FlowProducer({ connection, telemetry }));
  await flow.add({
    name: 'assemble',
    queueName: parentQueue,
    children: [{ name: 'part', queueName: childQueue, data: {}, opts: { failParentOnFailure: true } }],
  });
  let parentHandlerRan = false;
  track(new Worker(childQueue, async () => {
    throw new Error('part missing');
  }, { connection, telemetry }));
  track(new Worker(parentQueue, async () => {
    parentHandlerRan = true;
  }, { connection, telemetry }));
  const parent = await waitFor('parent process span', () => spansNamed(exporter.getFinishedSpans(), `process ${parentQueue}`)[0], 10_000);
  expect(parentHandlerRan).toBe(false);
  expect(parent.status.code).toBe(SpanStatusCode.ERROR);
  expect(parent.attributes['error.type']).toBe('UnrecoverableError');
  expect(parent.attributes['bullmq.job.failure_category']).toBe('unrecoverable');
  expect(parent.attributes['bullmq.job.outcome']).toBe('failed');
  for (const q of [parentQueue, childQueue]) {
    const queue = new Queue(q, { connection });
    await queue.obliterate({ force: true });
    await queue.close();
  }
});
