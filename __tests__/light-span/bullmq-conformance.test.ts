import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, HrTime } from '@opentelemetry/api';
import { hrTimeDuration, hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { FlowProducer, Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { QueueOtel } from '../../src';
import { LightSpan } from '../../src/light-span';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, waitFor } from '../support/tracing';
import { readableFields, testPath } from './paths';
import type { ProcessorCall, TestPath } from './paths';

// Installs the async context manager the handlers' `trace.getActiveSpan()` needs.
createTestTracing();
const connection = redisConnection();
/** One queue name for both runs (it is in span names and attributes); emptied in between. */
const QUEUE = uniqueQueueName('light');

class PaymentDeclined extends Error {
  override name = 'PaymentDeclined';
}

/** What the handler does per job name: events, attributes, exceptions and a status through the active span. */
async function handler(job: Job): Promise<string> {
  const span = trace.getActiveSpan()!;
  span.addEvent('handler started', { 'messaging.message.id': job.id!, contact: 'ann@example.com' });
  span.setAttributes({ 'bullmq.job.name': job.name, 'app.contact': 'ann@example.com' });
  if (job.name === 'flaky' && job.attemptsMade === 0) throw new Error('flaky the first time');
  if (job.name === 'broken') {
    span.recordException(new Error('handled on the way'));
    // A code is the exception's type, before its name.
    throw Object.assign(new PaymentDeclined('declined for ann@example.com'), { code: 'E_DECLINED' });
  }
  if (job.name === 'fine') {
    span.setStatus({ code: SpanStatusCode.OK });
    // OK is final.
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'ignored' });
  }
  return 'ok';
}

/** The process spans of `jobId` exported so far, the last attempt's outcome included. */
function processSpans(path: TestPath, jobId: string): ReadableSpan[] {
  return path.exporter.getFinishedSpans().filter((span) => span.name === `process ${QUEUE}` && span.attributes['messaging.message.id'] === jobId);
}

async function settled(path: TestPath, job: Job | { id?: string }, outcome: string): Promise<void> {
  await waitFor(`job ${job.id} ${outcome}`, () => processSpans(path, job.id!).some((span) => span.attributes['bullmq.job.outcome'] === outcome));
}

/** The same jobs, one step at a time (so that spans start in the same order), through the provider of `path`. */
async function scenario(path: TestPath, options: QueueOtelOptions): Promise<{ spans: ReadableSpan[]; calls: ProcessorCall[] }> {
  const telemetry = new QueueOtel({ ...options, tracerProvider: path.provider });
  const queue = new Queue(QUEUE, { connection, telemetry });
  const flows = new FlowProducer({ connection, telemetry });
  const worker = new Worker(QUEUE, handler, { connection, telemetry, concurrency: 1, name: 'light-worker' });
  try {
    await settled(path, await queue.add('fine', { n: 1 }), 'completed');
    await settled(path, await queue.add('flaky', { n: 2 }, { attempts: 2 }), 'completed');
    await settled(path, await queue.add('broken', { n: 3 }), 'failed');
    const bulk = await queue.addBulk([
      { name: 'fine', data: { n: 4 } },
      { name: 'fine', data: { n: 5 } },
    ]);
    for (const job of bulk) await settled(path, job, 'completed');
    const flow = await flows.add({ name: 'fine', queueName: QUEUE, data: { n: 6 }, children: [{ name: 'fine', queueName: QUEUE, data: { n: 7 } }] });
    await settled(path, flow.job, 'completed');
    return { spans: [...path.exporter.getFinishedSpans()], calls: [...path.processor.calls] };
  } finally {
    await worker.close();
    await flows.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

const EPOCH_MS = 1e12;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Values the clock or a random id decide: replaced by what they are. Everything else is compared as it is. */
function normalized(attributes: Attributes | undefined): Attributes | undefined {
  if (attributes === undefined) return undefined;
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value === 'number' && (value > EPOCH_MS || key.endsWith('_ms') || key.endsWith('.duration'))) out[key] = '<clock>';
    else if (typeof value === 'string' && UUID.test(value)) out[key] = '<uuid>';
    else out[key] = value;
  }
  return out;
}

const ms = (time: HrTime) => hrTimeToMilliseconds(time);

/**
 * Every field of the span; its times (BullMQ ends spans on its own clock) checked for consistency and then
 * replaced: start before end, the duration their difference, events in order within the span.
 */
function comparable(span: ReadableSpan): Record<string, unknown> {
  expect(ms(span.endTime)).toBeGreaterThanOrEqual(ms(span.startTime));
  expect(span.duration).toEqual(hrTimeDuration(span.startTime, span.endTime));
  // Start times come from QueueOtel's performance-based clock, untimed events from the wall clock (as in the SDK):
  // the two drift apart by milliseconds, so events are checked against the start with a margin, and in order.
  let previous = ms(span.startTime) - 1000;
  for (const event of span.events) {
    expect(ms(event.time)).toBeGreaterThanOrEqual(previous);
    previous = ms(event.time);
  }
  const fields = readableFields(span);
  return {
    ...fields,
    startTime: '<time>',
    endTime: '<time>',
    duration: '<time>',
    attributes: normalized(span.attributes),
    events: span.events.map((event) => ({ ...event, time: '<time>', attributes: normalized(event.attributes) })),
    links: span.links.map((link) => ({ ...link, attributes: normalized(link.attributes) })),
  };
}

type QueueOtelOptions = NonNullable<ConstructorParameters<typeof QueueOtel>[0]>;

test.each<[string, QueueOtelOptions]>([
  ['the default options', {}],
  // Create spans: each bulk job's own span, linked from the addBulk span at its start; nothing sanitized.
  ['create spans and no sanitizing', { createSpans: true, sanitize: false }],
])('with %s, the same BullMQ jobs export the same spans, and processors see the same calls, on the light path and through the public API', async (_label, options) => {
  const fast = await scenario(testPath(false), options);
  const api = await scenario(testPath(true), options);
  // Each run is the path it is meant to be.
  expect(fast.spans.every((span) => span instanceof LightSpan)).toBe(true);
  expect(api.spans.some((span) => span instanceof LightSpan)).toBe(false);
  // The scenario covers what it claims: retries, a failure, a bulk add, a flow, the wait span, events, a status.
  const names = new Set(fast.spans.map((span) => span.name.split(' ')[0]));
  for (const name of ['add', 'addBulk', 'addFlow', 'process', 'wait']) expect(names).toContain(name);
  expect(fast.spans.some((span) => span.status.code === SpanStatusCode.ERROR && span.events.some((event) => event.name === 'exception'))).toBe(true);
  expect(fast.spans.some((span) => span.status.code === SpanStatusCode.OK)).toBe(true);
  expect(fast.spans.filter((span) => span.attributes['bullmq.job.outcome'] === 'retried')).toHaveLength(1);
  if (options.createSpans) {
    expect(names).toContain('create');
    expect(fast.spans.find((span) => span.name.startsWith('addBulk'))!.links).toHaveLength(2);
  }

  // Spans start in the same order on both runs (the ids say so), but a worker may end a wait span before the
  // producer's add span ends: spans are compared in start order (by id), processor calls per span and the
  // onStart calls in the order they came.
  const byId = (spans: ReadableSpan[]) => [...spans].sort((a, b) => a.spanContext().spanId.localeCompare(b.spanContext().spanId)).map(comparable);
  expect(byId(fast.spans)).toStrictEqual(byId(api.spans));
  const perSpan = (list: ProcessorCall[]) => {
    const calls = list.map((call) => ({ ...call, attributes: normalized(call.attributes) }));
    const ids = [...new Set(calls.map((call) => call.spanId))].sort();
    return { starts: calls.filter((call) => call.hook === 'onStart'), bySpan: ids.map((id) => calls.filter((call) => call.spanId === id)) };
  };
  expect(perSpan(fast.calls)).toStrictEqual(perSpan(api.calls));
  // onStart saw each span live, with its start attributes, before its end.
  const starts = fast.calls.filter((call) => call.hook === 'onStart');
  expect(starts.length).toBe(fast.spans.length);
  expect(starts.every((call) => !call.ended && call.recording && call.attributes['messaging.system'] !== undefined || call.name.startsWith('wait'))).toBe(true);
  for (const span of fast.spans) {
    const hooks = fast.calls.filter((call) => call.spanId === span.spanContext().spanId).map((call) => call.hook);
    expect(hooks).toEqual(['onStart', 'onEnding', 'onEnd']);
  }
});
