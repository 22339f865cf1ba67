import { context, SamplingDecision } from '@opentelemetry/api';
import type { SamplingResult } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Span as BullmqSpan } from 'bullmq';
import { Job, Queue } from 'bullmq';
import { QueueOtel, QueueSampler, Sanitizer } from '../../src';
import type { SamplingRates, TelemetryObserver } from '../../src';
import { testPath } from '../light-span/paths';
import type { TestPath } from '../light-span/paths';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing } from '../support/tracing';

// Sends at rate 0 take a short cut on the SDK's tracer (src/telemetry/zero-rate-sends.ts): these tests hold it to
// what the SDK would have done, with real BullMQ queues on a real Redis.

createTestTracing();
const connection = redisConnection();
const ZERO = uniqueQueueName('zero');
const KEPT = uniqueQueueName('kept');

class OnDemandReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** What a span is, without the clock: two runs of the same sends give the same. */
function comparable(span: ReadableSpan): Record<string, unknown> {
  return { name: span.name, kind: span.kind, spanContext: span.spanContext(), parent: span.parentSpanContext, attributes: span.attributes, links: span.links };
}

async function metadataOf(queue: Queue, id: string | undefined): Promise<unknown> {
  const job = await Job.fromId(queue, id!);
  return job?.opts.telemetry?.metadata;
}

interface Run {
  path: TestPath;
  spans: Record<string, unknown>[];
  zeroMetadata: unknown[];
  keptMetadata: unknown[];
  attributesExamined: number;
  /** The class of each span QueueOtel handed BullMQ for a send to the zero-rate queue. */
  zeroSpanClasses: string[];
  metrics: unknown;
}

/** The same sends, one at a time, through the provider of `path`: to a queue sampled at 0 and to one sampled in full. */
async function sends(publicApi: boolean, rates: SamplingRates, meterProvider?: MeterProvider, observer?: TelemetryObserver, unsampledJobs?: 'propagate'): Promise<Omit<Run, 'metrics'>> {
  const sampler = new QueueSampler(rates);
  const path = testPath(publicApi, { sampler, ...(meterProvider ? { meterProvider } : {}) });
  const sanitizer = new Sanitizer();
  const telemetry = new QueueOtel({ tracerProvider: path.provider, sanitize: sanitizer, ...(unsampledJobs ? { unsampledJobs } : {}) });
  if (observer) telemetry.addObserver(observer);
  const zeroSpanClasses: string[] = [];
  const startSpan = telemetry.tracer.startSpan.bind(telemetry.tracer);
  telemetry.tracer.startSpan = (name, options, ctx) => {
    const span = startSpan(name, options, ctx);
    if (name.startsWith('add') && name.includes(ZERO)) zeroSpanClasses.push(span.constructor.name);
    return span;
  };
  const zero = new Queue(ZERO, { connection, telemetry });
  const kept = new Queue(KEPT, { connection, telemetry });
  try {
    const zeroJobs = [await zero.add('welcome', { n: 1 })];
    zeroJobs.push(...(await zero.addBulk([{ name: 'digest', data: { n: 2 } }, { name: 'digest', data: { n: 3 } }])));
    const keptJobs = [await kept.add('welcome', { n: 4 })];
    // Suppressed tracing: the SDK draws no ids at all, and neither may the short cut.
    zeroJobs.push(await context.with(suppressTracing(context.active()), () => zero.add('welcome', { n: 5 })));
    zeroJobs.push(await zero.add('welcome', { n: 6 }));
    keptJobs.push(await kept.add('welcome', { n: 7 }));
    return {
      path,
      spans: path.exporter.getFinishedSpans().map(comparable),
      zeroMetadata: await Promise.all(zeroJobs.map((job) => metadataOf(zero, job.id))),
      keptMetadata: await Promise.all(keptJobs.map((job) => metadataOf(kept, job.id))),
      attributesExamined: sanitizer.stats().attributes,
      zeroSpanClasses,
    };
  } finally {
    await zero.obliterate({ force: true });
    await kept.obliterate({ force: true });
    await zero.close();
    await kept.close();
  }
}

async function run(publicApi: boolean, withMetrics = false, observer?: TelemetryObserver): Promise<Run> {
  const reader = new OnDemandReader();
  const meterProvider = withMetrics ? new MeterProvider({ readers: [reader] }) : undefined;
  const result = await sends(publicApi, { default: 1, queues: { [ZERO]: 0 } }, meterProvider, observer);
  let metrics: unknown;
  if (withMetrics) {
    const { resourceMetrics } = await reader.collect();
    metrics = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).map((metric) => ({ name: metric.descriptor.name, points: metric.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value })) }));
  }
  return { ...result, metrics };
}

test('sends to a queue sampled at 0 export the same spans, draw the same ids and store the same metadata as through the public API', async () => {
  const fast = await run(false);
  const api = await run(true);
  // Only the sampled queue's sends are exported, and their ids (from a counting generator) match: the sends in
  // between drew as many ids on both paths.
  expect(fast.spans).toHaveLength(2);
  expect(fast.spans).toStrictEqual(api.spans);
  expect(fast.zeroMetadata).toEqual(['0', '0', '0', '0', '0']);
  expect(fast.zeroMetadata).toStrictEqual(api.zeroMetadata);
  expect(fast.keptMetadata).toStrictEqual(api.keptMetadata);
  // The short cut did run: BullMQ got the small span for every send but the one in suppressed tracing; the public
  // API path filtered the start attributes of every send, the fast one the queue and job names once per pair.
  expect(fast.zeroSpanClasses).toEqual(['UnsampledSend', 'UnsampledSend', 'DeferredSpan', 'UnsampledSend']);
  expect(api.zeroSpanClasses).toEqual(['DeferredSpan', 'DeferredSpan', 'DeferredSpan', 'DeferredSpan']);
  expect(fast.attributesExamined).toBeLessThan(api.attributesExamined);
});

test("with the tracer's span metrics on, the short cut stands aside: every decision is counted as the SDK counts it", async () => {
  const fast = await run(false, true);
  const api = await run(true, true);
  expect(fast.metrics).toStrictEqual(api.metrics);
  expect(JSON.stringify(fast.metrics)).toContain('otel.sdk.span.started');
  expect(fast.attributesExamined).toBe(api.attributesExamined);
});

/** An observer that writes down what it hears, by callback; `ends` adds the callbacks that hear sends end. */
function listening(ends: boolean): { observer: TelemetryObserver; heard: string[] } {
  const heard: string[] = [];
  const observer: TelemetryObserver = {
    onSpanStart: (component, operation) => heard.push(`start ${component} ${operation}`),
    onQueueSeen: (queue) => heard.push(`queue ${queue === ZERO ? 'zero' : queue === KEPT ? 'kept' : 'other'}`),
  };
  if (ends) {
    observer.onSent = (report) => heard.push(`sent ${report.queue === ZERO ? 'zero' : 'kept'} ${report.operation} ${report.count} ${report.traceId ?? '-'}`);
    observer.onOperationEnd = (report) => heard.push(`end ${report.operation}`);
  }
  return { observer, heard };
}

test.each([
  ['of starts and queues: the short cut tells them as the full path does', false],
  ['of sends ending too: the sends take the full path, where the known answer still spares the sampler', true],
])('observers %s', async (_label, ends) => {
  const fast = listening(ends);
  const api = listening(ends);
  const fastRun = await run(false, false, fast.observer);
  const apiRun = await run(true, false, api.observer);
  expect(fast.heard).toEqual(api.heard);
  expect(fast.heard.filter((line) => line.startsWith('start producer'))).toHaveLength(6);
  expect(fast.heard).toContain('queue zero');
  if (ends) expect(fast.heard.filter((line) => line.startsWith('sent zero')).length).toBeGreaterThanOrEqual(4);
  expect(fastRun.spans).toStrictEqual(apiRun.spans);
  expect(fastRun.zeroSpanClasses).toEqual(ends ? ['DeferredSpan', 'DeferredSpan', 'DeferredSpan', 'DeferredSpan'] : ['UnsampledSend', 'UnsampledSend', 'DeferredSpan', 'UnsampledSend']);
  // With or without the small span, the sampler's answer was known and no start attributes were filtered for it.
  expect(fastRun.attributesExamined).toBeLessThan(apiRun.attributesExamined);
});

test("with unsampledJobs: 'propagate', the jobs carry the non-recording span's trace context, the same on both paths", async () => {
  const rates = { default: 1, queues: { [ZERO]: 0 } };
  const fast = await sends(false, rates, undefined, undefined, 'propagate');
  const api = await sends(true, rates, undefined, undefined, 'propagate');
  expect(fast.zeroSpanClasses).toEqual(['UnsampledSend', 'UnsampledSend', 'DeferredSpan', 'UnsampledSend']);
  expect(fast.zeroMetadata).toStrictEqual(api.zeroMetadata);
  expect(fast.spans).toStrictEqual(api.spans);
  // Ids from the counting generator, flags 00; suppressed tracing has no valid span context and stores nothing.
  const [first, bulk, , suppressed, last] = fast.zeroMetadata.map(String);
  for (const metadata of [first, bulk, last]) expect(metadata).toMatch(/"traceparent":"00-0{16}[0-9a-f]{16}-0{8}[0-9a-f]{8}-00"/);
  expect(suppressed).toBe('undefined');
});

test.each([
  ['lean', 'one shared span, with no ids drawn: nobody could see them', true],
  ['propagate', 'a span of its own, with the random ids its job carries', false],
] as const)("with the SDK's random id generator and unsampledJobs: '%s', each send gets %s", async (unsampledJobs, _label, shared) => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ sampler: new QueueSampler({ default: 1, queues: { [ZERO]: 0 } }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const telemetry = new QueueOtel({ tracerProvider: provider, unsampledJobs });
  const handed: BullmqSpan[] = [];
  const startSpan = telemetry.tracer.startSpan.bind(telemetry.tracer);
  telemetry.tracer.startSpan = (name, options, ctx) => {
    const span = startSpan(name, options, ctx);
    if (name.startsWith('add')) handed.push(span);
    return span;
  };
  const queue = new Queue(ZERO, { connection, telemetry });
  try {
    const jobs = [await queue.add('welcome', { n: 1 }), await queue.add('welcome', { n: 2 }), ...(await queue.addBulk([{ name: 'digest', data: { n: 3 } }]))];
    const metadata = await Promise.all(jobs.map((job) => metadataOf(queue, job.id)));
    expect(handed.map((span) => span.constructor.name)).toEqual(['UnsampledSend', 'UnsampledSend', 'UnsampledSend']);
    expect(new Set(handed).size).toBe(shared ? 1 : 3);
    if (shared) {
      expect(metadata).toEqual(['0', '0', '0']);
    } else {
      const traceIds = metadata.map((value) => /"traceparent":"00-([0-9a-f]{32})-[0-9a-f]{16}-00"/.exec(String(value))?.[1]);
      expect(new Set(traceIds).size).toBe(3);
      expect(traceIds.every((id) => id !== undefined && id !== '0'.repeat(32))).toBe(true);
    }
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    await provider.shutdown();
  }
});

test('a rate changed at run time applies to the next send', async () => {
  const sampler = new QueueSampler({ default: 1, queues: { [ZERO]: 0 } });
  const path = testPath(false, { sampler });
  const queue = new Queue(ZERO, { connection, telemetry: new QueueOtel({ tracerProvider: path.provider }) });
  try {
    const before = await queue.add('welcome', { n: 1 });
    sampler.setRate(ZERO, 1);
    const after = await queue.add('welcome', { n: 2 });
    expect(await metadataOf(queue, before.id)).toBe('0');
    expect(String(await metadataOf(queue, after.id))).toMatch(/"traceparent":"00-[0-9a-f]{32}-[0-9a-f]{16}-01"/);
    expect(path.exporter.getFinishedSpans().map((span) => span.attributes['messaging.message.id'])).toEqual([after.id]);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
});

test("a send inside a sampled trace follows its parent's decision, whatever the queue's rate", async () => {
  const path = testPath(false, { sampler: new QueueSampler({ default: 1, queues: { [ZERO]: 0 } }) });
  const queue = new Queue(ZERO, { connection, telemetry: new QueueOtel({ tracerProvider: path.provider }) });
  try {
    const tracer = path.provider.getTracer('app');
    const job = await tracer.startActiveSpan('request', async (request) => {
      try {
        return await queue.add('welcome', { n: 1 });
      } finally {
        request.end();
      }
    });
    const spans = path.exporter.getFinishedSpans();
    const request = spans.find((span) => span.name === 'request')!;
    const send = spans.find((span) => span.attributes['messaging.message.id'] === job.id)!;
    expect(send.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(String(await metadataOf(queue, job.id))).toContain(request.spanContext().traceId);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
});

test('a subclass of QueueSampler decides for itself: the short cut is only taken for QueueSampler', async () => {
  class SampleEverything extends QueueSampler {
    override shouldSample(): SamplingResult {
      return { decision: SamplingDecision.RECORD_AND_SAMPLED };
    }
  }
  const path = testPath(false, { sampler: new SampleEverything({ default: 1, queues: { [ZERO]: 0 } }) });
  const queue = new Queue(ZERO, { connection, telemetry: new QueueOtel({ tracerProvider: path.provider }) });
  try {
    const job = await queue.add('welcome', { n: 1 });
    expect(path.exporter.getFinishedSpans().map((span) => span.attributes['messaging.message.id'])).toEqual([job.id]);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
});

test('a queue name the policy redacts takes the full path on every send: the sampler sees the redacted name, each redaction is counted', async () => {
  const queueName = `${uniqueQueueName('pii')}-ann@example.com`;
  // The rate is set for the raw name, which no sampler sees: the redacted name gets the default rate.
  const path = testPath(false, { sampler: new QueueSampler({ default: 1, queues: { [queueName]: 0 } }) });
  const sanitizer = new Sanitizer();
  const queue = new Queue(queueName, { connection, telemetry: new QueueOtel({ tracerProvider: path.provider, sanitize: sanitizer }) });
  try {
    const redactions = (): number => sanitizer.stats().redacted.email ?? 0;
    await queue.add('welcome', { n: 1 });
    const first = redactions();
    await queue.add('welcome', { n: 2 });
    const second = redactions();
    await queue.add('welcome', { n: 3 });
    // Every send redacts the name again (the short cut would have redacted it once, then never).
    expect(second - first).toBeGreaterThan(0);
    expect(redactions() - second).toBe(second - first);
    expect(path.exporter.getFinishedSpans()).toHaveLength(3);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
});
