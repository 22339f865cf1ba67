import { join } from 'node:path';
import { context, propagation, trace } from '@opentelemetry/api';
import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { B3Propagator } from '@opentelemetry/propagator-b3';
import { Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { jobContext, QueueOtel } from '../../src';
import type { QueueOtelOptions } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, parentOf, spansNamed, waitFor } from '../support/tracing';

/**
 * Baggage (and the fields of propagators other than W3C trace context) written into a job's metadata reaches the
 * handler, as it does with bullmq-otel: the default propagator of `setupTracing` is trace context plus baggage.
 */
const { provider, exporter } = createTestTracing();
const connection = redisConnection();
const withBaggage = new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] });
const PROCESSOR = join(__dirname, '..', 'fixtures', 'processes', 'progress-processor.js');
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(() => propagation.setGlobalPropagator(withBaggage));
afterAll(() => propagation.disable());
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  exporter.reset();
});

const tenantOf = (ctx = context.active()): string | undefined => propagation.getBaggage(ctx)?.getEntry('tenant')?.value;

/** Adds one job from inside an app span whose context carries `tenant=acme`. */
async function addWithBaggage(queue: Queue): Promise<Job> {
  const bagged = propagation.setBaggage(context.active(), propagation.createBaggage({ tenant: { value: 'acme' } }));
  return context.with(bagged, () =>
    provider.getTracer('app').startActiveSpan('request', async (span) => {
      try {
        return await queue.add('j', {});
      } finally {
        span.end();
      }
    }),
  );
}

function queueWith(telemetry: QueueOtel, prefix: string): { name: string; queue: Queue } {
  const name = uniqueQueueName(prefix);
  const queue = new Queue(name, { connection, telemetry });
  cleanup.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
  return { name, queue };
}

/** Runs a worker until one job has been handled; what the handler saw of the baggage and of the active span. */
async function handle(name: string, telemetry: QueueOtel): Promise<{ tenant: string | undefined; traceId: string | undefined }> {
  let seen: { tenant: string | undefined; traceId: string | undefined } | undefined;
  const worker = new Worker(name, async () => {
    seen = { tenant: tenantOf(), traceId: trace.getActiveSpan()?.spanContext().traceId };
  }, { connection, telemetry });
  cleanup.push(() => worker.close());
  return waitFor('the handler', () => seen);
}

describe.each<[string, QueueOtelOptions]>([
  ['json, child', {}],
  ['json, link', { propagation: 'link' }],
  ['compact', { metadataFormat: 'compact' }],
])('with trace context and baggage propagators (%s)', (_label, options) => {
  test('the handler sees the baggage of the context the job was added in', async () => {
    const telemetry = new QueueOtel({ tracerProvider: provider, ...options });
    const { name, queue } = queueWith(telemetry, 'baggage');
    const job = await addWithBaggage(queue);
    const stored = JSON.parse((await queue.getJob(job.id!))!.opts.telemetry!.metadata!) as Record<string, string>;
    expect(stored.baggage).toBe('tenant=acme');
    expect(stored.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const seen = await handle(name, telemetry);
    expect(seen.tenant).toBe('acme');
    const send = await waitFor('the send span', () => spansNamed(exporter.getFinishedSpans(), `add ${name}`)[0]);
    if (options.propagation !== 'link') expect(seen.traceId).toBe(send.spanContext().traceId);
  });
});

test('the compact format is still written for a context without baggage', async () => {
  const telemetry = new QueueOtel({ tracerProvider: provider, metadataFormat: 'compact' });
  const { queue } = queueWith(telemetry, 'compact-plain');
  const job = await provider.getTracer('app').startActiveSpan('request', async (span) => {
    try {
      return await queue.add('j', {});
    } finally {
      span.end();
    }
  });
  expect((await queue.getJob(job.id!))!.opts.telemetry!.metadata).toMatch(/^"~/);
});

test('a sandboxed processor restores the baggage with jobContext', async () => {
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const { name, queue } = queueWith(telemetry, 'baggage-sandbox');
  await addWithBaggage(queue);
  // The processor returns the metadata its child was sent: what `jobContext` reads there.
  const worker = new Worker(name, PROCESSOR, { connection, telemetry });
  cleanup.push(() => worker.close());
  let sent: unknown;
  worker.on('completed', (_job, result) => (sent = result));
  await waitFor('the sandboxed job', () => sent, 30_000);
  const restored = jobContext({ opts: { telemetry: { metadata: sent as string } } });
  expect(tenantOf(restored)).toBe('acme');
  const processSpan = await waitFor('the process span', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
  expect(trace.getSpanContext(restored)?.spanId).toBe(processSpan.spanContext().spanId);
}, 60_000);

test('hostile extra fields never fail a job: dropped and counted, the trace kept', async () => {
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const name = uniqueQueueName('baggage-hostile');
  const plain = new Queue(name, { connection });
  cleanup.push(() => plain.obliterate({ force: true }).then(() => plain.close()));
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  const many = Array.from({ length: 1000 }, (_, i) => `k${i}=v`).join(',');
  const fields = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`f${i}`, '']));
  const hostile: Array<[string, Record<string, unknown>]> = [
    ['a baggage over the W3C limit', { traceparent, baggage: `tenant=${'a'.repeat(9000)}` }],
    ['a number', { traceparent, baggage: 5 }],
    ['an object', { traceparent, baggage: { tenant: 'acme' } }],
    ['1000 entries', { traceparent, baggage: many }],
    ['1000 fields', { traceparent, ...fields, baggage: 'tenant=late' }],
    ['a usable one', { traceparent, baggage: 'tenant=acme' }],
  ];
  for (const [label, metadata] of hostile) await plain.add(label, {}, { telemetry: { metadata: JSON.stringify(metadata) } });
  const seen = new Map<string, string | undefined>();
  const worker = new Worker(name, async (job) => {
    seen.set(job.name, tenantOf());
  }, { connection, telemetry });
  cleanup.push(() => worker.close());
  await waitFor('every job handled', () => seen.size === hostile.length, 15_000);
  const processes = await waitFor('process spans', () => {
    const found = spansNamed(exporter.getFinishedSpans(), `process ${name}`);
    return found.length === hostile.length && found;
  });
  // Every job keeps its producer as parent: only the unusable fields are lost.
  for (const span of processes) expect(parentOf(span)).toBe('b7ad6b7169203331');
  expect(seen.get('a usable one')).toBe('acme');
  expect(seen.get('a baggage over the W3C limit')).toBeUndefined();
  expect(seen.get('a number')).toBeUndefined();
  expect(seen.get('an object')).toBeUndefined();
  expect(seen.get('1000 fields')).toBeUndefined();
  const counts = telemetry.propagationFailures.snapshot();
  expect(counts['extract/not_a_string']).toBe(2);
  expect(counts['extract/too_long']).toBe(2);
});

test('with a B3 propagator, a QueueOtel worker continues the trace and readers of traceparent still find one', async () => {
  const b3: TextMapPropagator = new B3Propagator();
  const telemetry = new QueueOtel({ tracerProvider: provider, propagator: b3 });
  const { name, queue } = queueWith(telemetry, 'b3');
  const job = await provider.getTracer('app').startActiveSpan('request', async (span) => {
    try {
      return await queue.add('j', {});
    } finally {
      span.end();
    }
  });
  const stored = JSON.parse((await queue.getJob(job.id!))!.opts.telemetry!.metadata!) as Record<string, string>;
  expect(stored.b3).toMatch(/^[0-9a-f]{32}-[0-9a-f]{16}-1$/);
  const send = await waitFor('the send span', () => spansNamed(exporter.getFinishedSpans(), `add ${name}`)[0]);
  expect(stored.traceparent).toBe(`00-${send.spanContext().traceId}-${send.spanContext().spanId}-01`);
  await handle(name, telemetry);
  const processSpan = await waitFor('the process span', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
  expect(parentOf(processSpan)).toBe(send.spanContext().spanId);
  expect(processSpan.spanContext().traceId).toBe(send.spanContext().traceId);
  expect(telemetry.propagationFailures.snapshot()).toEqual({});
});
