import { Queue, QueueEvents, Worker } from 'bullmq';
import type { Meter } from 'bullmq';
import { createBullmqMeter, createOpenMetricsRegistry, prometheusNameFor, QueueMetrics } from '../../src/exemplars';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { waitForAsync } from '../support/tracing';
import { noopContextManager, noopTracer } from './noop-telemetry';
import { parseOpenMetrics, samplesOf } from './openmetrics-text';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('prometheusNameFor', () => {
  test.each([
    ['bullmq.jobs.completed', 'counter', '1', 'bullmq_jobs_completed_total', 1],
    ['bullmq.jobs.waiting_children', 'counter', '1', 'bullmq_jobs_waiting_children_total', 1],
    ['bullmq.job.duration', 'histogram', 'ms', 'bullmq_job_duration_seconds', 0.001],
    ['bullmq.queue.jobs', 'gauge', '{jobs}', 'bullmq_queue_jobs', 1],
    ['other-lib.some metric', 'gauge', undefined, 'bullmq_other_lib_some_metric', 1],
  ] as const)('%s (%s, %s) → %s', (name, kind, unit, expected, scale) => {
    expect(prometheusNameFor(name, kind, unit)).toMatchObject({ name: expected, scale });
  });
});

describe('createBullmqMeter', () => {
  test('caches instruments by name, maps attributes to bounded labels and drops the rest', async () => {
    const registry = createOpenMetricsRegistry();
    const meter = createBullmqMeter(registry, { maxJobNames: 1 });
    expect(meter.createCounter('bullmq.jobs.completed')).toBe(meter.createCounter('bullmq.jobs.completed'));
    const attrs = (jobName: string) => ({ 'bullmq.queue.name': 'q', 'bullmq.job.name': jobName, 'bullmq.job.state': 'completed', 'bullmq.job.id': '42' });
    meter.createCounter('bullmq.jobs.completed', { unit: '1' }).add(1, attrs('a'));
    meter.createCounter('bullmq.jobs.completed', { unit: '1' }).add(1, attrs('b'));
    const samples = samplesOf(parseOpenMetrics(await registry.metrics()), 'bullmq_jobs_completed_total');
    expect(samples.map((s) => s.labels)).toEqual([
      { messaging_destination_name: 'q', bullmq_job_name: 'a', state: 'completed' },
      { messaging_destination_name: 'q', bullmq_job_name: '__other__', state: 'completed' },
    ]);
  });

  test('attaches exemplars from activeSpanIds and never throws into BullMQ', async () => {
    const registry = createOpenMetricsRegistry();
    let ids: { traceId: string; spanId: string } | undefined = { traceId: TRACE, spanId: SPAN };
    const meter = createBullmqMeter(registry, { activeSpanIds: () => ids });
    const histogram = meter.createHistogram('bullmq.job.duration', { unit: 'ms' });
    histogram.record(1500, { 'bullmq.queue.name': 'q', 'bullmq.job.name': 'sampled' });
    ids = undefined;
    histogram.record(1500, { 'bullmq.queue.name': 'q', 'bullmq.job.name': 'unsampled' });
    expect(() => histogram.record(Number.NaN)).not.toThrow();
    const samples = parseOpenMetrics(await registry.metrics());
    const bucket = (jobName: string) =>
      samplesOf(samples, 'bullmq_job_duration_seconds_bucket', { bullmq_job_name: jobName, le: '2.5' })[0];
    expect(bucket('sampled')?.exemplar).toEqual({ labels: { trace_id: TRACE, span_id: SPAN }, value: 1.5 });
    expect(bucket('unsampled')?.value).toBe(1);
    expect(bucket('unsampled')?.exemplar).toBeUndefined();
  });
});

describe('QueueMetrics.meter with a real BullMQ queue and worker', () => {
  let queue: Queue;
  let worker: Worker;
  let events: QueueEvents;
  afterEach(async () => {
    await worker?.close();
    await events?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
  });

  test("BullMQ's own counters and duration histogram appear on the registry, in seconds", async () => {
    const metrics = new QueueMetrics();
    const telemetry = { tracer: noopTracer, contextManager: noopContextManager, meter: metrics.meter satisfies Meter };
    const name = uniqueQueueName('meter');
    const connection = redisConnection();
    queue = new Queue(name, { connection, telemetry });
    events = new QueueEvents(name, { connection });
    await events.waitUntilReady();
    worker = new Worker(
      name,
      async (job) => {
        // The work whose duration the histogram records (asserted below in seconds): this pause is what is measured.
        await new Promise((resolve) => setTimeout(resolve, 120));
        if (job.name === 'boom') throw new Error('boom');
        return 'ok';
      },
      { connection, telemetry },
    );
    const ok = await queue.add('fine', {});
    const bad = await queue.add('boom', {}, { attempts: 2 });
    await ok.waitUntilFinished(events);
    await expect(bad.waitUntilFinished(events)).rejects.toThrow('boom');
    await queue.recordJobCountsMetric();

    // BullMQ counts a job after its move script returns to the worker, which can be after QueueEvents saw the
    // event: wait for the last count (the failed attempt's) on the registry itself.
    const labels = { messaging_destination_name: name };
    let samples = parseOpenMetrics(await metrics.registry.metrics());
    await waitForAsync('the failed count on the registry', async () => {
      samples = parseOpenMetrics(await metrics.registry.metrics());
      return samplesOf(samples, 'bullmq_jobs_failed_total', { ...labels, bullmq_job_name: 'boom', state: 'failed' }).length > 0;
    });
    expect(samplesOf(samples, 'bullmq_jobs_completed_total', { ...labels, bullmq_job_name: 'fine' })[0]?.value).toBe(1);
    expect(samplesOf(samples, 'bullmq_jobs_retried_total', { ...labels, bullmq_job_name: 'boom' })[0]?.value).toBe(1);
    expect(samplesOf(samples, 'bullmq_jobs_failed_total', { ...labels, bullmq_job_name: 'boom', state: 'failed' })[0]?.value).toBe(1);
    const [count] = samplesOf(samples, 'bullmq_job_duration_seconds_count', { ...labels, bullmq_job_name: 'fine' });
    const [sum] = samplesOf(samples, 'bullmq_job_duration_seconds_sum', { ...labels, bullmq_job_name: 'fine' });
    expect(count?.value).toBe(1);
    // Converted from ms: the handler slept 120 ms.
    expect(sum?.value).toBeGreaterThanOrEqual(0.1);
    expect(sum?.value).toBeLessThan(5);
    expect(samplesOf(samples, 'bullmq_queue_jobs', { ...labels, state: 'completed' })[0]?.value).toBe(1);
    // BullMQ's native names never collide with QueueMetrics' own.
    expect(samplesOf(samples, 'queue_otel_jobs_completed_total', labels)).toEqual([]);
  });
});
