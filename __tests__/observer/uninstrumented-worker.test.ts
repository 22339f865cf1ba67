import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import { Worker } from 'bullmq';
import { createOpenMetricsRegistry, QueueMetrics } from '../../src/exemplars';
import { ms, observerHarness } from './observer-harness';
import { parentOf, waitFor } from '../support/tracing';
import { QueueEventsObserver } from '../../src/observer';

const h = observerHarness();
afterEach(() => h.closeAll());

test('a plain BullMQ worker still yields add, observed wait and observed process spans in one trace', async () => {
  const telemetry = h.otel();
  const { name, queue, events } = await h.queueAndEvents(telemetry);
  const observer = new QueueEventsObserver(telemetry, events);
  h.closers.push(() => observer.close());

  const ok = await queue.add('welcome', { to: 'x' });
  const bad = await queue.add('charge', { amount: 1 }, { attempts: 1 });
  h.plainWorker(name, async (job) => {
    // The job's work: the observed process span must span it (asserted below as at least 25 ms).
    await new Promise((r) => setTimeout(r, 30));
    if (job.name === 'charge') throw new Error('card declined for bob@example.com');
    return 'ok';
  });

  await waitFor('two observed process spans', () => observer.stats().processed >= 2 || undefined);
  await observer.flush();
  const spans = h.spansOf(name);
  for (const job of [ok, bad]) {
    const send = spans.find((s) => s.name === `add ${name}` && s.attributes['messaging.message.id'] === job.id)!;
    const process = spans.find((s) => s.name === `process ${name}` && s.attributes['messaging.message.id'] === job.id)!;
    const wait = spans.find((s) => s.name === `wait ${name}` && s.attributes['bullmq.job.id'] === job.id)!;
    expect(send).toBeDefined();
    expect(process).toBeDefined();
    expect(wait).toBeDefined();
    // One trace, both observed spans under the producer's span.
    expect(process.spanContext().traceId).toBe(send.spanContext().traceId);
    expect(wait.spanContext().traceId).toBe(send.spanContext().traceId);
    expect(parentOf(process)).toBe(send.spanContext().spanId);
    expect(parentOf(wait)).toBe(send.spanContext().spanId);
    expect(process.kind).toBe(SpanKind.CONSUMER);
    expect(process.attributes['bullmq.observed']).toBe(true);
    expect(wait.attributes['bullmq.observed']).toBe(true);
    expect(process.attributes['bullmq.job.attempt']).toBe(1);
    // The server of the QueueEvents' connection, as on QueueOtel's own consumer spans (the same Redis as the send's).
    expect(typeof process.attributes['server.address']).toBe('string');
    expect(process.attributes['server.address']).toBe(send.attributes['server.address']);
    expect(process.attributes['server.port']).toBe(send.attributes['server.port']);
    // Real times: the job hash's processedOn/finishedOn, and enqueue time for the wait.
    const stored = (await h.jobHash(queue, job.id!))!;
    expect(ms(process.startTime)).toBe(stored.processedOn);
    expect(ms(process.endTime)).toBe(stored.finishedOn);
    expect(ms(wait.startTime)).toBe(stored.timestamp);
    expect(ms(wait.endTime)).toBe(stored.processedOn);
    expect(ms(process.endTime) - ms(process.startTime)).toBeGreaterThanOrEqual(25);
  }
  const failed = spans.find((s) => s.name === `process ${name}` && s.attributes['messaging.message.id'] === bad.id)!;
  expect(failed.attributes['bullmq.job.outcome']).toBe('failed');
  expect(failed.attributes['error.type']).toBe('_OTHER');
  expect(failed.status.code).toBe(SpanStatusCode.ERROR);
  // The failed reason went through the sanitizer: no e-mail address in the span.
  expect(failed.status.message).toContain('card declined for');
  expect(failed.status.message).not.toContain('bob@example.com');
  expect(JSON.stringify(failed.events)).not.toContain('bob@example.com');
  const completed = spans.find((s) => s.name === `process ${name}` && s.attributes['messaging.message.id'] === ok.id)!;
  expect(completed.attributes['bullmq.job.outcome']).toBe('completed');
  expect(completed.status.code).toBe(SpanStatusCode.UNSET);
  expect(observer.stats()).toMatchObject({ processed: 2, waits: 2, instrumented: 0, dropped: 0, missing: 0 });
});

test('observed attempts are counted in the metrics with exemplars pointing at the observed span', async () => {
  const registry = createOpenMetricsRegistry();
  const telemetry = h.otel({ metrics: new QueueMetrics({ registry }) });
  const { name, queue, events } = await h.queueAndEvents(telemetry);
  const observer = new QueueEventsObserver(telemetry, events);
  h.closers.push(() => observer.close());
  await queue.add('welcome', {});
  h.plainWorker(name, async () => 'ok');
  await waitFor('observed span', () => observer.stats().processed >= 1 || undefined);
  const process = h.spansOf(name).find((s) => s.name === `process ${name}`)!;
  const text = await registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith('queue_otel_jobs_completed_total{') && l.includes(name))!;
  expect(line).toContain(`trace_id="${process.spanContext().traceId}"`);
  expect(line).toContain(`span_id="${process.spanContext().spanId}"`);
});

test('jobs of a QueueOtel worker in the same process are not recorded twice', async () => {
  const telemetry = h.otel();
  const { name, queue, events } = await h.queueAndEvents(telemetry);
  const observer = new QueueEventsObserver(telemetry, events);
  h.closers.push(() => observer.close());
  await queue.addBulk(Array.from({ length: 5 }, (_, i) => ({ name: 'n', data: { i } })));
  const worker = new Worker(name, async () => 'ok', { connection: h.connection, telemetry });
  h.closers.push(() => worker.close());
  await waitFor('five instrumented', () => observer.stats().instrumented >= 5 || undefined);
  await observer.flush();
  const spans = h.spansOf(name);
  expect(spans.filter((s) => s.name === `process ${name}`)).toHaveLength(5);
  expect(spans.filter((s) => s.attributes['bullmq.observed'] === true)).toHaveLength(0);
  expect(observer.stats().processed).toBe(0);
});

test('jobs carrying compact trace metadata get their observed spans in the producer trace too', async () => {
  const telemetry = h.otel({ metadataFormat: 'compact' });
  const { name, queue, events } = await h.queueAndEvents(telemetry);
  const observer = new QueueEventsObserver(telemetry, events);
  h.closers.push(() => observer.close());
  const job = await queue.add('welcome', {});
  h.plainWorker(name, async () => 'ok');
  await waitFor('observed span', () => observer.stats().processed >= 1 || undefined);
  const spans = h.spansOf(name);
  const send = spans.find((s) => s.name === `add ${name}`)!;
  const process = spans.find((s) => s.name === `process ${name}`)!;
  expect(process.attributes['messaging.message.id']).toBe(job.id);
  expect(process.spanContext().traceId).toBe(send.spanContext().traceId);
  expect(parentOf(process)).toBe(send.spanContext().spanId);
});

test("jobs a lean producer did not sample get no observed spans: the producer's decision holds", async () => {
  const telemetry = h.otel({ unsampledJobs: 'lean' });
  const { name, queue, events } = await h.queueAndEvents(telemetry);
  const observer = new QueueEventsObserver(telemetry, events);
  h.closers.push(() => observer.close());
  const unsampledParent = trace.setSpanContext(ROOT_CONTEXT, { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: TraceFlags.NONE, isRemote: true });
  const job = await context.with(unsampledParent, () => queue.add('welcome', {}));
  expect(job.opts.telemetry?.metadata).toBe('0');
  h.plainWorker(name, async () => 'ok');
  await waitFor('observed job', () => observer.stats().processed >= 1 || undefined);
  expect(h.spansOf(name).filter((s) => s.name === `process ${name}`)).toHaveLength(0);
});
