import type { Attributes } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SamplingDecision, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan, Sampler, SamplingResult } from '@opentelemetry/sdk-trace-base';
import { Queue, Worker } from 'bullmq';
import { QueueOtel } from '../../src';
import { Sanitizer } from '../../src/sanitize';
import { observerHarness } from '../observer/observer-harness';
import { uniqueQueueName } from '../support/redis';
import { spansNamed, waitFor } from '../support/tracing';
import { QueueEventsObserver } from '../../src/observer';

// Every span QueueOtel starts (process, send, wait, observed) goes through the one attribute policy of
// its `sanitize` option, already when it starts; the application's provider has no sanitizer here.
const h = observerHarness();
afterEach(() => h.closeAll());

const EMAIL = 'jane.doe@example.com';

/** Samples everything and keeps what each span looked like when the sampler was asked. */
class RecordingSampler implements Sampler {
  readonly seen: { name: string; attributes: Attributes }[] = [];
  shouldSample(_context: unknown, _traceId: string, name: string, _kind: unknown, attributes: Attributes): SamplingResult {
    this.seen.push({ name, attributes: { ...attributes } });
    return { decision: SamplingDecision.RECORD_AND_SAMPLED };
  }
  toString(): string {
    return 'RecordingSampler';
  }
}

/** A traced queue and worker, plus a queue of a plain worker seen through `otel.observe`. */
async function run(telemetry: QueueOtel, fail = false) {
  const traced = await h.queueAndEvents(telemetry, 'policy');
  await traced.queue.add(`notify ${EMAIL}`, {}, { jobId: `user-${EMAIL}` });
  const worker = new Worker(traced.name, async () => 'ok', { connection: h.connection, telemetry });
  h.closers.push(() => worker.close());
  const plain = await h.queueAndEvents(telemetry, 'policy-plain');
  const observer = new QueueEventsObserver(telemetry, plain.events);
  h.closers.push(() => observer.close());
  await plain.queue.add(`notify ${EMAIL}`, {}, { jobId: `user-${EMAIL}`, attempts: 1 });
  h.plainWorker(plain.name, async () => {
    if (fail) throw new Error(`mailbox ${EMAIL} full`);
    return 'ok';
  }, { name: `worker ${EMAIL}` });
  await waitFor('traced and observed spans', () => {
    const s = h.exporter.getFinishedSpans();
    return spansNamed(s, `wait ${traced.name}`).length === 1 && spansNamed(s, `wait ${plain.name}`).length === 1 && spansNamed(s, `process ${plain.name}`).length === 1;
  });
  const spans = h.exporter.getFinishedSpans();
  const of = (name: string): ReadableSpan => spansNamed(spans, name)[0]!;
  return {
    spans,
    process: of(`process ${traced.name}`),
    wait: of(`wait ${traced.name}`),
    observed: of(`process ${plain.name}`),
    observedWait: of(`wait ${plain.name}`),
  };
}

test('a sampler sees the start attributes already through the policy: a job name with PII is redacted at start', async () => {
  const sampler = new RecordingSampler();
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ sampler, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const name = uniqueQueueName('policy-sampler');
  const queue = new Queue(name, { connection: h.connection, telemetry });
  h.closers.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
  await queue.add(`notify ${EMAIL}`, {}, { jobId: `user-${EMAIL}` });
  const worker = new Worker(name, async () => 'ok', { connection: h.connection, telemetry });
  h.closers.push(() => worker.close());
  await waitFor('wait span', () => spansNamed(exporter.getFinishedSpans(), `wait ${name}`)[0]);

  expect(JSON.stringify(sampler.seen)).not.toContain(EMAIL);
  const at = (spanName: string): Attributes => sampler.seen.find((s) => s.name === spanName)!.attributes;
  // Present at start (a sampler may decide on them), redacted where the e-mail was.
  expect(at(`add ${name}`)).toMatchObject({ 'messaging.destination.name': name, 'messaging.operation.name': 'add', 'bullmq.job.name': 'notify [REDACTED:email]' });
  expect(at(`process ${name}`)).toMatchObject({ 'messaging.operation.name': 'process', 'bullmq.job.name': 'notify [REDACTED:email]', 'bullmq.job.attempt': 1 });
  expect(at(`wait ${name}`)).toMatchObject({ 'bullmq.job.name': 'notify [REDACTED:email]', 'bullmq.job.id': '[REDACTED:email]' });
});

test('a span BullMQ names `add {queue}.{jobName}` shows no job name raw, even when it starts before BullMQ names its queue', async () => {
  const telemetry = h.otel();
  const span = telemetry.tracer.startSpan(`add emails.notify ${EMAIL}`, { kind: 3 });
  span.end();
  const exported = await waitFor('add span', () => h.exporter.getFinishedSpans()[0]);
  expect(exported.name).toBe('add emails.notify [REDACTED:email]');
  expect(exported.attributes['messaging.destination.name']).toBe('emails.notify [REDACTED:email]');
});

test('the Sanitizer given as `sanitize` is the one every span goes through: its key policy and its counters cover wait and observed spans', async () => {
  const sanitizer = new Sanitizer({ extraBlockedAttributes: ['bullmq.job.name', 'bullmq.worker.name'] });
  const { spans, process, wait, observed, observedWait } = await run(h.otel({ sanitize: sanitizer }), true);
  for (const span of [process, wait, observed, observedWait]) {
    expect(span.attributes).not.toHaveProperty(['bullmq.job.name']);
    expect(span.attributes['bullmq.job.id']).toBe('[REDACTED:email]');
  }
  expect(observed.attributes).not.toHaveProperty(['bullmq.worker.name']);
  expect(observed.status.message).toBe('mailbox [REDACTED:email] full');
  expect(JSON.stringify(spans.map((s) => [s.name, s.attributes, s.events, s.status]))).not.toContain(EMAIL);
  expect(sanitizer.stats().droppedBlocked).toBeGreaterThanOrEqual(4);
});

test('`sanitize: false` records job names, ids and failed reasons unchanged, on wait and observed spans as on the rest', async () => {
  const { process, wait, observed, observedWait } = await run(h.otel({ sanitize: false }), true);
  for (const span of [process, wait, observed, observedWait]) {
    expect(span.attributes['bullmq.job.name']).toBe(`notify ${EMAIL}`);
    expect(span.attributes['bullmq.job.id']).toBe(`user-${EMAIL}`);
  }
  expect(observed.attributes['bullmq.worker.name']).toBe(`worker ${EMAIL}`);
  expect(observed.status.message).toBe(`mailbox ${EMAIL} full`);
});
