import { context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import type { Context, SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { DelayedError, FlowProducer, Queue, Worker } from 'bullmq';
import type { Job, Telemetry } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';
import { Redis } from 'ioredis';
import { QueueOtel, QueueSampler, UNSAMPLED_METADATA } from '../../src';
import { TracingHealthMetrics } from '../../src/health';
import type { AttemptReport, QueueOtelOptions } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { waitFor } from '../support/tracing';

/** The real AsyncLocalStorage context manager, counting the contexts entered (the cost lean mode avoids). */
class CountingContextManager extends AsyncLocalStorageContextManager {
  entered = 0;
  /** The span contexts of the spans active in the contexts entered, in order. */
  readonly spans: Array<SpanContext | undefined> = [];
  override with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    this.entered += 1;
    this.spans.push(trace.getSpanContext(ctx));
    return super.with(ctx, fn, thisArg, ...args);
  }
}

const contextManager = new CountingContextManager().enable();
context.setGlobalContextManager(contextManager);

const connection = redisConnection();
const redis = new Redis(connection);
const cleanup: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
afterAll(() => {
  redis.disconnect();
  trace.disable();
  propagation.disable();
});

function tracing(rate: number): { provider: BasicTracerProvider; exporter: InMemorySpanExporter } {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ sampler: new QueueSampler({ default: rate }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { provider, exporter };
}

function otel(provider: BasicTracerProvider, extra: QueueOtelOptions = {}): QueueOtel {
  return new QueueOtel({ tracerProvider: provider, logger: () => undefined, ...extra });
}

function queueWith(name: string, telemetry: QueueOtel | BullMQOtel): Queue {
  const queue = new Queue(name, { connection, telemetry: telemetry as unknown as Telemetry });
  cleanup.push(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });
  return queue;
}

function workerWith(name: string, telemetry: QueueOtel | BullMQOtel, handler: (job: Job) => Promise<unknown>): Worker {
  const worker = new Worker(name, handler, { connection, telemetry: telemetry as unknown as Telemetry });
  cleanup.push(() => worker.close());
  return worker;
}

async function storedMetadata(queueName: string, jobId: string): Promise<{ tm: unknown; encoding: unknown }> {
  const key = `bull:${queueName}:${jobId}`;
  const opts = JSON.parse((await redis.hget(key, 'opts')) ?? '{}') as { tm?: unknown };
  return { tm: opts.tm, encoding: await redis.call('OBJECT', 'ENCODING', key) };
}

async function completed(queue: Queue, id: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await queue.getJobState(id)) !== 'completed') {
    if (Date.now() > deadline) throw new Error(`job ${id} did not complete`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Runs one job of `queue` through a worker and returns what its handler saw as the active span. */
async function processOne(name: string, telemetry: QueueOtel | BullMQOtel, handler?: () => unknown): Promise<{ spanContext: ReturnType<typeof trace.getSpanContext>; recording: boolean | undefined }> {
  let seen: { spanContext: ReturnType<typeof trace.getSpanContext>; recording: boolean | undefined } | undefined;
  workerWith(name, telemetry, async () => {
    const active = trace.getActiveSpan();
    seen = { spanContext: active?.spanContext(), recording: active?.isRecording() };
    return handler?.();
  });
  return waitFor('the handler to run', () => seen);
}

test("a lean producer writes only the decision into an unsampled job, and the small job's hash stays a listpack", async () => {
  const { provider } = tracing(0);
  const name = uniqueQueueName('lean');
  const queue = queueWith(name, otel(provider, { unsampledJobs: 'lean' }));
  const job = await queue.add('small', { n: 1 });
  const [bulk] = await queue.addBulk([{ name: 'small', data: { n: 2 } }]);
  for (const id of [job.id!, bulk!.id!]) {
    const stored = await storedMetadata(name, id);
    expect(stored.tm).toBe(UNSAMPLED_METADATA);
    expect(stored.encoding).toBe('listpack');
  }
  // `lean` is the default; 'propagate' keeps OpenTelemetry's carrier: a full traceparent with the "not sampled" flag.
  const byDefault = await queueWith(`${name}-d`, otel(provider)).add('small', { n: 1 });
  expect((await storedMetadata(`${name}-d`, byDefault.id!)).tm).toBe(UNSAMPLED_METADATA);
  const propagating = queueWith(`${name}-p`, otel(provider, { unsampledJobs: 'propagate' }));
  const full = await propagating.add('small', { n: 1 });
  expect((await storedMetadata(`${name}-p`, full.id!)).tm).toMatch(/^\{"traceparent":"00-[0-9a-f]{32}-[0-9a-f]{16}-00"\}$/);
});

test('a lean producer still writes the full trace context of a sampled job', async () => {
  const { provider, exporter } = tracing(1);
  const name = uniqueQueueName('lean');
  const job = await queueWith(name, otel(provider, { unsampledJobs: 'lean' })).add('small', { n: 1 });
  const send = exporter.getFinishedSpans().find((s) => s.name === `add ${name}`)!;
  expect((await storedMetadata(name, job.id!)).tm).toBe(`{"traceparent":"00-${send.spanContext().traceId}-${send.spanContext().spanId}-01"}`);
});

test('a lean worker runs an unsampled job outside any trace context, enters no context at all, and still reports its outcome', async () => {
  const producer = tracing(0);
  const worker = tracing(1);
  const name = uniqueQueueName('lean');
  const queue = queueWith(name, otel(producer.provider, { unsampledJobs: 'lean' }));
  await queue.add('small', { n: 1 });
  const healthMetrics = new TracingHealthMetrics();
  const telemetry = otel(worker.provider, { unsampledJobs: 'lean' });
  const reports: AttemptReport[] = [];
  telemetry.addObserver(healthMetrics);
  telemetry.addObserver({ onAttemptEnd: (report) => reports.push(report) });
  const before = contextManager.entered;
  const seen = await processOne(name, telemetry);
  await waitFor('the attempt report', () => reports.length === 1);
  expect(seen.spanContext).toBeUndefined();
  expect(worker.exporter.getFinishedSpans()).toHaveLength(0);
  expect(reports[0]).toMatchObject({ queue: name, jobName: 'small', outcome: 'completed', traceId: undefined });
  expect(reports[0]!.waitSeconds).toBeGreaterThanOrEqual(0);
  // Neither the add, the processing nor the settle entered a context: no AsyncLocalStorage switch.
  expect(contextManager.entered).toBe(before);
  // No span was created for it, so none is counted.
  const created = await healthMetrics.registry.getSingleMetric('queue_otel_spans_created_total')?.get();
  expect(created?.values.filter((v) => v.labels.component === 'worker')).toEqual([]);
});

test('a lean worker tells retries from the final failure of an untraced job', async () => {
  const { provider } = tracing(0);
  const name = uniqueQueueName('lean');
  const queue = queueWith(name, otel(provider, { unsampledJobs: 'lean' }));
  await queue.add('flaky', { n: 1 }, { attempts: 2 });
  const telemetry = otel(provider, { unsampledJobs: 'lean' });
  const reports: AttemptReport[] = [];
  telemetry.addObserver({ onAttemptEnd: (report) => reports.push(report) });
  workerWith(name, telemetry, async () => {
    throw new TypeError('boom');
  });
  await waitFor('two attempt reports', () => reports.length === 2);
  expect(reports.map((r) => r.outcome)).toEqual(['retried', 'failed']);
  // The retry kept the decision in the job.
  const [failed] = await queue.getFailed();
  expect(failed!.opts.telemetry?.metadata).toBe(UNSAMPLED_METADATA);
});

test("a lean worker reports an untraced job's DelayedError as a delayed attempt", async () => {
  const { provider } = tracing(0);
  const name = uniqueQueueName('lean-delay');
  const queue = queueWith(name, otel(provider, { unsampledJobs: 'lean' }));
  await queue.add('later', {});
  const telemetry = otel(provider, { unsampledJobs: 'lean' });
  const reports: AttemptReport[] = [];
  telemetry.addObserver({ onAttemptEnd: (report) => reports.push(report) });
  let attempts = 0;
  workerWith(name, telemetry, async (job: Job, token?: string) => {
    attempts += 1;
    if (attempts > 1) return 'done';
    await job.moveToDelayed(Date.now() + 100, token);
    throw new DelayedError();
  });
  await waitFor('two attempt reports', () => reports.length === 2);
  expect(reports.map((r) => r.outcome)).toEqual(['delayed', 'completed']);
  expect(reports[0]!.traceId).toBeUndefined();
});

test("a propagating worker gives a lean producer's unsampled job an unsampled parent, so the handler's spans follow the decision", async () => {
  const producer = tracing(0);
  const worker = tracing(1);
  const name = uniqueQueueName('lean');
  await queueWith(name, otel(producer.provider, { unsampledJobs: 'lean' })).add('small', { n: 1 });
  const handlerTracer = worker.provider.getTracer('handler');
  let childSampled: boolean | undefined;
  const seen = await processOne(name, otel(worker.provider, { unsampledJobs: 'propagate' }), () => {
    const child = handlerTracer.startSpan('outbound call');
    childSampled = child.isRecording();
    child.end();
  });
  expect(seen.spanContext?.traceFlags).toBe(TraceFlags.NONE);
  expect(seen.spanContext?.traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(seen.recording).toBe(false);
  expect(childSampled).toBe(false);
  expect(worker.exporter.getFinishedSpans()).toHaveLength(0);
});

test("a lean worker makes its own decision for a queue whose propagation is 'none'", async () => {
  const producer = tracing(0);
  const worker = tracing(1);
  const name = uniqueQueueName('lean');
  await queueWith(name, otel(producer.provider, { unsampledJobs: 'lean' })).add('small', { n: 1 });
  const seen = await processOne(name, otel(worker.provider, { unsampledJobs: 'lean', propagation: 'none' }));
  expect(seen.recording).toBe(true);
  const processSpan = await waitFor('process span', () => worker.exporter.getFinishedSpans().find((s) => s.name === `process ${name}`));
  expect(processSpan.parentSpanContext).toBeUndefined();
});

test("a lean worker also runs a propagating producer's unsampled job untraced, and traces sampled ones as usual", async () => {
  const { provider, exporter } = tracing(0);
  const sampled = tracing(1);
  const name = uniqueQueueName('lean');
  const producerQueue = queueWith(name, otel(provider));
  const job = await producerQueue.add('unsampled', { n: 1 });
  const before = contextManager.entered;
  // No metrics or observers here: the job gets a shared no-op span, and still enters no context.
  const unsampledSeen = await processOne(name, otel(provider, { unsampledJobs: 'lean' }));
  await completed(producerQueue, job.id!);
  expect(unsampledSeen.spanContext).toBeUndefined();
  expect(contextManager.entered).toBe(before);
  expect(exporter.getFinishedSpans()).toHaveLength(0);

  const other = uniqueQueueName('lean');
  await queueWith(other, otel(sampled.provider, { unsampledJobs: 'lean' })).add('sampled', { n: 1 });
  const sampledSeen = await processOne(other, otel(sampled.provider, { unsampledJobs: 'lean' }));
  expect(sampledSeen.recording).toBe(true);
  const processSpan = await waitFor('process span', () => sampled.exporter.getFinishedSpans().find((s) => s.name === `process ${other}`));
  const send = sampled.exporter.getFinishedSpans().find((s) => s.name === `add ${other}`)!;
  expect(processSpan.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
});

test('a bullmq-otel worker processes a lean job without failing it', async () => {
  const { provider } = tracing(0);
  trace.setGlobalTracerProvider(tracing(1).provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const name = uniqueQueueName('lean');
  const queue = queueWith(name, otel(provider, { unsampledJobs: 'lean' }));
  const job = await queue.add('small', { n: 1 });
  await processOne(name, new BullMQOtel());
  await completed(queue, job.id!);
});

test('when propagating, an unsampled add enters no context, and an unsampled job enters exactly one: its handler\'s', async () => {
  const { provider } = tracing(0);
  const name = uniqueQueueName('propagate');
  const queue = queueWith(name, otel(provider, { unsampledJobs: 'propagate' }));
  const beforeAdd = contextManager.entered;
  await queue.add('small', { n: 1 });
  await queue.addBulk([{ name: 'small', data: { n: 2 } }]);
  expect(contextManager.entered).toBe(beforeAdd);
  const telemetry = otel(provider, { unsampledJobs: 'propagate' });
  const reports: AttemptReport[] = [];
  telemetry.addObserver({ onAttemptEnd: (report) => reports.push(report) });
  const beforeProcess = contextManager.entered;
  const seen = await processOne(name, telemetry);
  await waitFor('two attempt reports', () => reports.length === 2);
  // The handler runs in the job's unsampled context (one entry per job); the settle adds none.
  expect(seen.spanContext?.traceFlags).toBe(TraceFlags.NONE);
  expect(contextManager.entered - beforeProcess).toBe(2);
  expect(reports.map((r) => r.outcome)).toEqual(['completed', 'completed']);
});

test('a sampled add still runs inside its span, so spans made during the write join the trace', async () => {
  const { provider, exporter } = tracing(1);
  const name = uniqueQueueName('propagate');
  const queue = queueWith(name, otel(provider));
  const before = contextManager.spans.length;
  await queue.add('small', { n: 1 });
  const send = exporter.getFinishedSpans().find((s) => s.name === `add ${name}`)!;
  // The write ran in a context whose active span is the send span.
  expect(contextManager.spans.slice(before).map((c) => c?.spanId)).toContain(send.spanContext().spanId);
});

test('with internalSpans, a lean worker records nothing for an untraced job: no settle or fetch span starts a trace of its own', async () => {
  const producer = tracing(0);
  const worker = tracing(1);
  const name = uniqueQueueName('lean');
  const queue = queueWith(name, otel(producer.provider, { unsampledJobs: 'lean' }));
  const job = await queue.add('small', { n: 1 });
  const seen = await processOne(name, otel(worker.provider, { unsampledJobs: 'lean', internalSpans: true }));
  await completed(queue, job.id!);
  expect(seen.spanContext).toBeUndefined();
  // Only the worker's background work (stalled checks, lock renewal) is recorded, as for any worker.
  const background = /^(startStalledCheckTimer|moveStalledJobsToWait|extendLocks) /;
  expect(worker.exporter.getFinishedSpans().map((s) => s.name).filter((n) => !background.test(n))).toEqual([]);
});

test('an unsampled flow written by a lean producer carries the decision in every node', async () => {
  const { provider } = tracing(0);
  const parentQueue = uniqueQueueName('lean-flow');
  const childQueue = uniqueQueueName('lean-flow');
  const telemetry = otel(provider, { unsampledJobs: 'lean' });
  const flows = new FlowProducer({ connection, telemetry: telemetry as unknown as Telemetry });
  cleanup.push(() => flows.close());
  queueWith(parentQueue, telemetry);
  queueWith(childQueue, telemetry);
  const tree = await flows.add({ name: 'report', queueName: parentQueue, children: [{ name: 'part', queueName: childQueue, data: {} }] });
  expect((await storedMetadata(parentQueue, tree.job.id!)).tm).toBe(UNSAMPLED_METADATA);
  expect((await storedMetadata(childQueue, tree.children![0]!.job.id!)).tm).toBe(UNSAMPLED_METADATA);
});

test('a lean worker samples each iteration of a job scheduler on its own, also when the upsert carried only "0"', async () => {
  const producer = tracing(0);
  const worker = tracing(1);
  const name = uniqueQueueName('lean-sched');
  const queue = queueWith(name, otel(producer.provider, { unsampledJobs: 'lean' }));
  await queue.upsertJobScheduler('every-200ms', { every: 200 }, { name: 'tick', data: {} });
  cleanup.push(() => queue.removeJobScheduler('every-200ms'));
  const recording: Array<boolean | undefined> = [];
  workerWith(name, otel(worker.provider, { unsampledJobs: 'lean' }), async () => {
    recording.push(trace.getActiveSpan()?.isRecording());
  });
  const ticks = await waitFor('2 traced iterations', () => {
    const found = worker.exporter.getFinishedSpans().filter((s) => s.name === `process ${name}`);
    return found.length >= 2 && found;
  });
  expect(new Set(ticks.map((s) => s.spanContext().traceId)).size).toBe(ticks.length);
  for (const tick of ticks) expect(tick.attributes['bullmq.job.scheduler_id']).toBe('every-200ms');
  // Each handler ran inside its iteration's own, sampled trace.
  expect(recording.slice(0, ticks.length)).toEqual(ticks.map(() => true));
});

test('QueueOtel rejects an unknown unsampledJobs value', () => {
  expect(() => new QueueOtel({ unsampledJobs: 'drop' as never })).toThrow(/unsampledJobs must be 'propagate' or 'lean'/);
});
