import { Queue, Worker } from 'bullmq';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { QueueOtel } from '../../src';
import { createBullmqMeter, createOpenMetricsRegistry, QueueMetrics } from '../../src/exemplars';
import { Sanitizer } from '../../src/sanitize';
import { QueueSampler } from '../../src/sampling';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, waitFor, waitForAsync } from '../support/tracing';
import { parseOpenMetrics, samplesOf } from './openmetrics-text';

createTestTracing();
const connection = redisConnection();

// Kinds of personal data and secrets the default detectors redact in span names and attributes.
const EMAIL = 'leak.l@example.com';
const BEARER_TOKEN = 'abcDEF123456789xyzTOKENqq';
const CARD = '4111111111111111';
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const PASSWORD = 'Hunter2Secret';
const ALL = `${EMAIL} Bearer ${BEARER_TOKEN} ${CARD} ${AWS_KEY} password=${PASSWORD}`;
const NEEDLES = [EMAIL, BEARER_TOKEN, CARD, AWS_KEY, PASSWORD];

function leaksIn(text: string): string[] {
  return NEEDLES.filter((needle) => text.includes(needle));
}

test('with default options, no label of /metrics carries what the spans of the same jobs redact (QueueMetrics, BullMQ meter, health, depth)', async () => {
  const exporter = new InMemorySpanExporter();
  const sampler = new QueueSampler({ default: 1 });
  const provider = new BasicTracerProvider({ sampler, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const metrics = new QueueMetrics({ sampler, queueDepthIntervalMs: 100 });
  const telemetry = new QueueOtel({ tracerProvider: provider, metrics, logger: () => undefined });
  const queue = new Queue(uniqueQueueName(`m_${EMAIL}_`), { connection, telemetry });
  let settled = 0;
  const worker = new Worker(
    queue.name,
    async (job) => {
      if (job.data.kind === 'named') {
        const error = new Error('x');
        error.name = `Named ${ALL}`;
        throw error;
      }
      return 1;
    },
    { connection, telemetry },
  );
  worker.on('completed', () => settled++);
  worker.on('failed', () => settled++);
  const stop = metrics.trackQueue(queue);
  try {
    await queue.add(`jobname ${ALL}`, { kind: 'ok' });
    await queue.add(`jobname ${ALL}`, { kind: 'named' }, { attempts: 1 });
    await waitFor('both jobs settled', () => settled === 2);
    await waitForAsync('the depth gauge of the queue', async () => /queue_otel_queue_jobs\{/.test(await metrics.registry.metrics()));
    const text = await metrics.registry.metrics();
    expect(leaksIn(text)).toEqual([]);

    // The labels are the redacted names, the same text the spans carry, not folded away or emptied.
    const process = exporter.getFinishedSpans().find((span) => span.name.startsWith('process '))!;
    const queueLabel = process.attributes['messaging.destination.name'] as string;
    expect(queueLabel).toContain('[REDACTED:email]');
    const samples = parseOpenMetrics(text);
    const consumed = samplesOf(samples, 'messaging_client_consumed_messages_total');
    expect(new Set(consumed.map((s) => s.labels.messaging_destination_name))).toEqual(new Set([queueLabel]));
    const jobNames = new Set(consumed.map((s) => s.labels.bullmq_job_name));
    expect(jobNames.size).toBe(1);
    expect([...jobNames][0]).toMatch(/^jobname \[REDACTED:email\] /);
    const failed = consumed.find((s) => s.labels.outcome === 'failed')!;
    expect(failed.labels.error_type).toMatch(/^Named \[REDACTED:email\] /);
    // BullMQ's own metrics (through the meter), the sampling-ratio gauge and the depth gauge name the queue alike.
    expect(samplesOf(samples, 'bullmq_jobs_completed_total').map((s) => s.labels.messaging_destination_name)).toEqual([queueLabel]);
    expect(samplesOf(samples, 'queue_otel_sampling_ratio').map((s) => s.labels.messaging_destination_name)).toEqual([queueLabel]);
    expect(samplesOf(samples, 'queue_otel_queue_jobs').every((s) => s.labels.messaging_destination_name === queueLabel)).toBe(true);
    expect(samplesOf(samples, 'queue_otel_queue_jobs').length).toBeGreaterThan(0);
  } finally {
    stop();
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await metrics.close();
  }
});

test('labels follow the sanitizer of the QueueOtel that feeds the metrics (its custom detector applies)', async () => {
  const sanitizer = new Sanitizer({ customDetectors: [{ name: 'tenant', pattern: /tenant-\d+/ }] });
  const metrics = new QueueMetrics({ health: false });
  const telemetry = new QueueOtel({ metrics, sanitize: sanitizer, logger: () => undefined });
  const queue = new Queue(uniqueQueueName('tenant-42-'), { connection, telemetry });
  try {
    await queue.add('report for tenant-7', {});
    const sent = samplesOf(parseOpenMetrics(await metrics.registry.metrics()), 'messaging_client_sent_messages_total');
    expect(sent.map((s) => [s.labels.messaging_destination_name?.startsWith('[REDACTED:tenant]'), s.labels.bullmq_job_name])).toEqual([
      [true, 'report for [REDACTED:tenant]'],
    ]);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    await metrics.close();
  }
});

test('QueueMetrics on its own redacts with the default sanitizer, its `sanitize` option, or not at all with `sanitize: false`', async () => {
  const record = async (metrics: QueueMetrics): Promise<Record<string, string>> => {
    metrics.recordAttempt({ queue: `q ${EMAIL}`, jobName: `n ${CARD}`, outcome: 'failed', errorType: `E ${AWS_KEY}` });
    const [sample] = samplesOf(parseOpenMetrics(await metrics.registry.metrics()), 'messaging_client_consumed_messages_total');
    await metrics.close();
    return sample!.labels;
  };
  expect(await record(new QueueMetrics())).toMatchObject({
    messaging_destination_name: 'q [REDACTED:email]',
    bullmq_job_name: 'n [REDACTED:paymentCard]',
    error_type: 'E [REDACTED:apiKey]',
  });
  const own = await record(new QueueMetrics({ sanitize: { detectors: { email: false } } }));
  expect(own).toMatchObject({ messaging_destination_name: `q ${EMAIL}`, bullmq_job_name: 'n [REDACTED:paymentCard]' });
  expect(await record(new QueueMetrics({ sanitize: false }))).toMatchObject({ messaging_destination_name: `q ${EMAIL}`, bullmq_job_name: `n ${CARD}` });
});

test('a control character cannot hide an address from the redaction, and a card across the 128-unit cut is redacted whole', async () => {
  const metrics = new QueueMetrics({ health: false });
  metrics.recordSent({ queue: 'q', jobName: `a leak.l\u0000@example.com` });
  metrics.recordSent({ queue: 'q', jobName: `${'x'.repeat(120)} ${CARD}` });
  const names = samplesOf(parseOpenMetrics(await metrics.registry.metrics()), 'messaging_client_sent_messages_total').map((s) => s.labels.bullmq_job_name!);
  await metrics.close();
  expect(names).toContain('a [REDACTED:email]');
  expect(names.join('\n')).not.toMatch(/4111|@example/);
  for (const name of names) expect(name.length).toBeLessThanOrEqual(128);
});

test('each distinct raw name is scanned once, not once per job, and keeps its label', async () => {
  const sanitizer = new Sanitizer();
  const metrics = new QueueMetrics({ sanitize: sanitizer, health: false });
  const before = sanitizer.stats().texts;
  for (let i = 0; i < 500; i++) {
    metrics.recordAttempt({ queue: `q ${EMAIL}`, jobName: `n ${i % 3}`, outcome: 'failed', errorType: 'TypeError' });
    metrics.recordSent({ queue: `q ${EMAIL}`, jobName: `n ${i % 3}`, operation: 'add' });
  }
  // One queue, three job names, one error type, one operation.
  expect(sanitizer.stats().texts - before).toBe(6);
  const sent = samplesOf(parseOpenMetrics(await metrics.registry.metrics()), 'messaging_client_sent_messages_total');
  await metrics.close();
  expect(sent.map((s) => [s.labels.messaging_destination_name, s.value])).toEqual([
    ['q [REDACTED:email]', 167],
    ['q [REDACTED:email]', 167],
    ['q [REDACTED:email]', 166],
  ]);
});

test('createBullmqMeter on its own redacts BullMQ\'s queue and job names', async () => {
  const registry = createOpenMetricsRegistry();
  const meter = createBullmqMeter(registry);
  meter.createCounter('bullmq.jobs.completed', { unit: '1' }).add(1, { 'bullmq.queue.name': `q ${EMAIL}`, 'bullmq.job.name': `n Bearer ${BEARER_TOKEN}` });
  const text = await registry.metrics();
  expect(leaksIn(text)).toEqual([]);
  expect(samplesOf(parseOpenMetrics(text), 'bullmq_jobs_completed_total')[0]!.labels.messaging_destination_name).toBe('q [REDACTED:email]');
});
