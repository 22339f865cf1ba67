import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Queue, Worker } from 'bullmq';
import { observerHarness } from '../observer/observer-harness';
import { uniqueQueueName } from '../support/redis';
import { waitFor } from '../support/tracing';
import { QueueEventsObserver } from '../../src/observer';

// The application's own provider (no SanitizingSpanProcessor): only QueueOtel's policy stands between
// job names and ids and the exported spans.
const h = observerHarness();
afterEach(() => h.closeAll());

const PII = {
  email: 'jane.doe@example.com',
  awsKey: 'AKIAIOSFODNN7EXAMPLE',
  stripeKey: 'sk_live_51NzQx8LkT4vHq2RbW9eYp3Jm6Fd0Sa7Uc5Gn1Kx',
  iban: 'DE89 3704 0044 0532 0130 00',
};
/** Forms a leak may take besides the planted text. */
const VARIANTS = ['DE89370400440532013000', '0532 0130'];

/** Every planted value in a job name and in a (custom) job id. */
const JOBS = [
  { name: `notify ${PII.email}`, id: `acct-${PII.awsKey}` },
  { name: `sync ${PII.awsKey}`, id: `user-${PII.email}` },
  { name: `charge ${PII.stripeKey}`, id: `iban ${PII.iban}` },
  { name: `refund ${PII.iban}`, id: `key-${PII.stripeKey}` },
];
const FAILING = `refund ${PII.iban}`;

/** Everything of a span an exporter sends, as text: name, attributes, events, links, status message. */
function wire(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(spans.map((s) => ({
    name: s.name,
    attributes: s.attributes,
    events: s.events.map((e) => ({ name: e.name, attributes: e.attributes })),
    links: s.links.map((l) => ({ context: l.context, attributes: l.attributes })),
    status: s.status,
  })));
}

function expectNoPlantedValue(spans: readonly ReadableSpan[]): void {
  const text = wire(spans);
  expect([...Object.values(PII), ...VARIANTS].filter((value) => text.includes(value))).toEqual([]);
}

async function addJobs(queue: Queue): Promise<void> {
  for (const job of JOBS) await queue.add(job.name, {}, { jobId: job.id, attempts: 1 });
}

function named(spans: readonly ReadableSpan[], name: string): ReadableSpan[] {
  return spans.filter((s) => s.name === name);
}

/** Job name and id of a span carry a redaction marker where the planted value was. */
function expectRedactedJob(span: ReadableSpan): void {
  expect(String(span.attributes['bullmq.job.name'])).toContain('[REDACTED:');
  expect(String(span.attributes['bullmq.job.id'])).toContain('[REDACTED:');
}

test('job names and ids with PII leave no trace in send, process, wait, observed process, observed wait and stall spans', async () => {
  const telemetry = h.otel();
  // A QueueOtel worker.
  const traced = await h.queueAndEvents(telemetry, 'pii-traced');
  await addJobs(traced.queue);
  const worker = new Worker(traced.name, async (job) => {
    if (job.name === FAILING) throw new Error(`refund to ${PII.iban} for ${PII.email} declined`);
    return 'ok';
  }, { connection: h.connection, telemetry });
  h.closers.push(() => worker.close());

  // A plain worker, seen through the QueueEvents observer, and a job whose worker stops renewing its lock.
  const plain = await h.queueAndEvents(telemetry, 'pii-plain');
  const observer = new QueueEventsObserver(telemetry, plain.events);
  h.closers.push(() => observer.close());
  const stalling = await plain.queue.add(`stall ${PII.email}`, {}, { jobId: `stall-${PII.awsKey}` });
  let taken = false;
  h.plainWorker(plain.name, () => {
    taken = true;
    return new Promise(() => undefined);
  }, { skipLockRenewal: true, lockDuration: 1000, skipStalledCheck: true });
  await waitFor('the stalling job taken', () => taken);
  await addJobs(plain.queue);
  h.plainWorker(plain.name, async (job) => {
    if (job.name === FAILING) throw new Error(`refund to ${PII.iban} for ${PII.email} declined`);
    return 'ok';
  }, { stalledInterval: 300, name: `billing ${PII.email}` });

  const spans = await waitFor('every span of both queues', () => {
    const s = h.exporter.getFinishedSpans();
    const done = named(s, `process ${traced.name}`).length === JOBS.length && named(s, `wait ${traced.name}`).length === JOBS.length &&
      observer.stats().stalls >= 1 && observer.stats().processed >= JOBS.length + 1 && named(s, `stalled ${plain.name}`).length === 1;
    return done && s;
  }, 30_000);
  await observer.flush();

  expectNoPlantedValue(spans);
  // The spans are all there, with markers where the values were.
  for (const queue of [traced.name, plain.name]) expect(named(spans, `add ${queue}`).length).toBeGreaterThanOrEqual(JOBS.length);
  const tracedSpans = [...named(spans, `process ${traced.name}`), ...named(spans, `wait ${traced.name}`)];
  const observed = spans.filter((s) => s.attributes['bullmq.observed'] === true);
  expect(named(observed, `process ${plain.name}`)).toHaveLength(JOBS.length + 1);
  expect(named(observed, `wait ${plain.name}`)).toHaveLength(JOBS.length);
  for (const span of [...tracedSpans, ...observed]) expectRedactedJob(span);
  for (const span of named(observed, `process ${plain.name}`)) expect(span.attributes['bullmq.worker.name']).toBe('billing [REDACTED:email]');
  const stall = named(spans, `stalled ${plain.name}`)[0]!;
  expect(stall.attributes['bullmq.job.id']).toBe('stall-[REDACTED:apiKey]');
  expect(stall.attributes['bullmq.job.name']).toBe('stall [REDACTED:email]');
  expect(stalling.id).toBe(`stall-${PII.awsKey}`);
  for (const queue of [traced.name, plain.name]) {
    const failed = named(spans, `process ${queue}`).find((s) => s.status.code === SpanStatusCode.ERROR);
    expect(failed?.status.message).toContain('[REDACTED:');
  }
});

test('a queue name with PII is redacted in span names and attributes of every span, internal ones included', async () => {
  const telemetry = h.otel({ internalSpans: true });
  const name = `${uniqueQueueName('pii')}.${PII.email}`;
  const queue = new Queue(name, { connection: h.connection, telemetry });
  h.closers.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
  await addJobs(queue);
  const worker = new Worker(name, async (job) => {
    if (job.name === FAILING) throw new Error(`refund to ${PII.iban} declined`);
    return 'ok';
  }, { connection: h.connection, telemetry });
  h.closers.push(() => worker.close());

  const spans = await waitFor('process, wait and settle spans of every job', () => {
    const s = h.exporter.getFinishedSpans();
    const count = (type: string): number => s.filter((x) => x.attributes['messaging.operation.type'] === type).length;
    return count('process') === JOBS.length && count('settle') === JOBS.length && s.filter((x) => x.name.startsWith('wait ')).length === JOBS.length && s;
  }, 30_000);

  expectNoPlantedValue(spans);
  expect(wire(spans)).not.toContain(name);
  const operations = new Set(spans.map((s) => s.attributes['messaging.operation.type']));
  for (const operation of ['send', 'process', 'settle']) expect(operations).toContain(operation);
  for (const span of spans) {
    expect(span.name).toContain('[REDACTED:email]');
    expect(String(span.attributes['messaging.destination.name'] ?? span.attributes['bullmq.queue.name'])).toContain('[REDACTED:email]');
  }
});

test('an e-mail address followed by a hyphen in a queue name or job id is redacted in every span', async () => {
  const telemetry = h.otel({ internalSpans: true });
  const address = 'leak.k@example.com';
  // The domain characters run on past the address: `example.com-pii-…` as a whole is no domain.
  const name = `${address}-${uniqueQueueName('pii')}`;
  const ids = ['a', 'b'].map((suffix) => `id-${address}-${suffix}`);
  const queue = new Queue(name, { connection: h.connection, telemetry });
  h.closers.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
  for (const jobId of ids) await queue.add('notify', {}, { jobId });
  const worker = new Worker(name, async () => 'ok', { connection: h.connection, telemetry });
  h.closers.push(() => worker.close());

  const spans = await waitFor('the process span of every job', () => {
    const s = h.exporter.getFinishedSpans();
    return s.filter((x) => x.attributes['messaging.operation.type'] === 'process').length === ids.length && s;
  }, 30_000);

  expect(wire(spans)).not.toContain(address);
  const processed = spans.filter((s) => s.attributes['messaging.operation.type'] === 'process');
  for (const span of processed) {
    expect(span.name).toMatch(/^process \[REDACTED:email\]-pii-/);
    expect(String(span.attributes['messaging.destination.name'])).toMatch(/^\[REDACTED:email\]-pii-/);
    expect(String(span.attributes['bullmq.queue.name'])).toMatch(/^\[REDACTED:email\]-pii-/);
    // `id-leak.k` is all local-part characters: the whole of it goes.
    expect(String(span.attributes['bullmq.job.id'])).toMatch(/^\[REDACTED:email\]-[ab]$/);
    expect(String(span.attributes['messaging.message.id'])).toMatch(/^\[REDACTED:email\]-[ab]$/);
  }
});
