/**
 * In-process micro-benchmark of QueueOtel's own hot path: the calls BullMQ makes for one `Queue.add` and one
 * processing attempt, without Redis. CPU per job in µs; profile it with `node --cpu-prof --import tsx`. Measures the
 * build in `dist/` (built first when stale); `BENCH_SOURCE=src` the sources. `N` sets the measured jobs (50,000). Also prints
 * the bytes allocated on the JavaScript heap per job (see allocation.ts).
 *
 *   npx tsx benchmarks/micro-span-path.ts            # 100% sampled, default attribute policy
 *   RATE=0 npx tsx benchmarks/micro-span-path.ts     # nothing sampled
 *   RATE=0 PROPAGATE=1 npx tsx benchmarks/micro-span-path.ts  # nothing sampled, unsampledJobs: 'propagate'
 *   RAW=1 NOWAIT=1 npx tsx benchmarks/micro-span-path.ts  # no attribute policy, no wait span
 *   BULLMQ_OTEL=1 npx tsx benchmarks/micro-span-path.ts   # the same calls through bullmq-otel (the comparison)
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BullMQOtel } from 'bullmq-otel';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { QueueOtel } from '../src';
import { ensureBuilt } from '../scripts/built-library';
import { fromSource, queueOtelClass, queueSamplerClass, telemetryInternals } from './library';
import { AllocationMeter } from './allocation';

// The build, as applications load it (built first when stale); BENCH_SOURCE=src runs the sources through tsx.
if (!fromSource) ensureBuilt();
const QueueSampler = queueSamplerClass();
const { DeferredSpan, readJobFacts, swapTracedInstance } = telemetryInternals();

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const noop: SpanExporter = { export: (_s, cb) => cb({ code: 0 }), shutdown: async () => undefined };
const rate = Number(process.env.RATE ?? 1);
const provider = new BasicTracerProvider({ sampler: new QueueSampler({ default: rate }), spanProcessors: [new BatchSpanProcessor(noop, { maxQueueSize: 100000 })] });
const bullmqOtel = !!process.env.BULLMQ_OTEL;
if (bullmqOtel) {
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}
const otel = bullmqOtel ? (new BullMQOtel({ tracerName: 'micro' }) as unknown as QueueOtel) : new (queueOtelClass())({
  tracerProvider: provider,
  queueWaitSpan: !process.env.NOWAIT,
  ...(process.env.RAW ? { sanitize: false } : {}),
  ...(process.env.PROPAGATE ? { unsampledJobs: 'propagate' as const } : {}),
});
const cm = otel.contextManager;
const job = { id: '123', name: 'welcome', data: { to: 'x', n: 1 }, opts: { priority: 0 }, timestamp: Date.now() - 5, processedOn: Date.now(), attemptsMade: 0, attemptsStarted: 1 };

/**
 * What QueueOtel's hooks park while BullMQ's `trace` creates a span: the Queue or Worker (its name, its Redis server).
 */
const queue = { name: 'emails', opts: { connection: { host: '127.0.0.1', port: 6379 } } };

function once(): void {
  // producer
  // Names built per call, as BullMQ builds them (a fresh string each time, not a literal).
  const destination = `${queue.name}.${job.name}`;
  let parked = swapTracedInstance(queue);
  const add = otel.tracer.startSpan(`add ${destination}`, { kind: 3 }, undefined);
  add.setAttributes({ 'bullmq.queue.name': 'emails', 'bullmq.queue.operation': 'add' });
  const addCtx = add.setSpanOnContext(context.active());
  const metadata = cm.getMetadata(addCtx);
  swapTracedInstance(parked);
  add.setAttributes({ 'bullmq.job.name': 'welcome', 'bullmq.job.id': '123' });
  add.end();
  // consumer
  parked = swapTracedInstance(queue);
  const parent = cm.fromMetadata(context.active(), metadata);
  const span = otel.tracer.startSpan(`process ${queue.name}`, { kind: 4 }, parent);
  swapTracedInstance(parked);
  span.setAttributes({ 'bullmq.queue.name': 'emails', 'bullmq.queue.operation': 'process' });
  const ctx = span.setSpanOnContext(parent);
  cm.with(ctx, () => {
    span.setAttributes({ 'bullmq.worker.id': 'w-1', 'bullmq.worker.name': undefined as never, 'bullmq.job.id': '123', 'bullmq.job.name': 'welcome' });
    // What the worker hook does (a lean worker's untraced job without observers has no DeferredSpan).
    if (span instanceof DeferredSpan) span.attachJob(readJobFacts(job as never, undefined));
    span.addEvent('job completed', { 'bullmq.job.result': JSON.stringify('ok') });
    span.setAttributes({ 'bullmq.job.attempts.made': 1 });
  });
  span.setAttributes({ 'bullmq.job.attempt_finished_timestamp': Date.now(), 'bullmq.job.processed.timestamp': job.processedOn });
  span.end();
}
const N = Number(process.env.N ?? 50000);
for (let i = 0; i < 5000; i++) once();
const allocation = new AllocationMeter();
allocation.start();
const t0 = process.cpuUsage();
for (let i = 0; i < N; i++) once();
const t = process.cpuUsage(t0);
const allocated = allocation.stop() / N;
const label = `${bullmqOtel ? 'bullmq-otel ' : ''}rate=${rate} raw=${!!process.env.RAW} propagate=${!!process.env.PROPAGATE}`;
console.log(`${label} ${((t.user + t.system) / N).toFixed(2)} us per job, ${(allocated / 1024).toFixed(2)} KB allocated per job`);
void provider.shutdown();
