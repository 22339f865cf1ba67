import { Registry } from 'prom-client';
import { OTHER_LABEL_VALUE, QueueMetrics } from '../../src/exemplars';
import { parseOpenMetrics, samplesOf } from './openmetrics-text';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

async function scrape(metrics: QueueMetrics) {
  return parseOpenMetrics(await metrics.registry.metrics());
}

describe('QueueMetrics', () => {
  test('a name that is no option is a TypeError naming the nearest; one given as undefined is let through', () => {
    expect(() => new QueueMetrics({ max_queues: 5 } as never)).toThrow(/"max_queues" is not an option of QueueMetrics \(did you mean maxQueues\?\)/);
    expect(() => new QueueMetrics({ bucket: [1] } as never)).toThrow(TypeError);
    expect(() => new QueueMetrics({ registry: new Registry(), maxErrorTypes: undefined, health: false } as never)).not.toThrow();
  });

  test('creates an OpenMetrics registry when none is given', () => {
    const metrics = new QueueMetrics();
    expect(metrics.registry.contentType).toBe(Registry.OPENMETRICS_CONTENT_TYPE);
  });

  test('a sampled attempt carries trace_id and span_id exemplars on every histogram and counter', async () => {
    const metrics = new QueueMetrics();
    metrics.recordAttempt({
      queue: 'emails', jobName: 'welcome', outcome: 'completed',
      processSeconds: 0.3, waitSeconds: 1.2, endToEndSeconds: 1.5, traceId: TRACE, spanId: SPAN,
    });
    const samples = await scrape(metrics);
    const labels = { messaging_destination_name: 'emails', bullmq_job_name: 'welcome' };
    for (const [name, le] of [
      ['messaging_process_duration_seconds_bucket', '0.5'],
      ['queue_otel_job_wait_duration_seconds_bucket', '2.5'],
      ['queue_otel_job_end_to_end_duration_seconds_bucket', '2.5'],
    ] as const) {
      const [bucket] = samplesOf(samples, name, { ...labels, outcome: 'completed', le });
      expect(bucket?.exemplar?.labels).toEqual({ trace_id: TRACE, span_id: SPAN });
    }
    expect(samplesOf(samples, 'queue_otel_jobs_completed_total', labels)[0]?.exemplar?.labels.trace_id).toBe(TRACE);
    expect(samplesOf(samples, 'messaging_client_consumed_messages_total', { ...labels, outcome: 'completed' })[0]?.value).toBe(1);
  });

  test('an unsampled attempt (no ids, or invalid ids) carries no exemplar', async () => {
    const metrics = new QueueMetrics();
    metrics.recordAttempt({ queue: 'emails', jobName: 'plain', outcome: 'failed', processSeconds: 0.3 });
    metrics.recordAttempt({ queue: 'emails', jobName: 'bad-ids', outcome: 'failed', processSeconds: 0.3, traceId: 'xyz', spanId: SPAN });
    metrics.recordAttempt({ queue: 'emails', jobName: 'zero', outcome: 'failed', processSeconds: 0.3, traceId: '0'.repeat(32), spanId: SPAN });
    const samples = await scrape(metrics);
    const recorded = samples.filter((s) => s.labels.messaging_destination_name === 'emails');
    expect(recorded.length).toBeGreaterThan(10);
    expect(recorded.filter((s) => s.exemplar)).toEqual([]);
    expect(samplesOf(samples, 'queue_otel_jobs_failed_total', { bullmq_job_name: 'plain' })[0]?.value).toBe(1);
  });

  test('outcomes go to their own counters; negative and missing durations are not observed', async () => {
    const metrics = new QueueMetrics();
    const base = { queue: 'q', jobName: 'j' };
    metrics.recordAttempt({ ...base, outcome: 'retried', processSeconds: 0.1 });
    metrics.recordAttempt({ ...base, outcome: 'retried', processSeconds: -1 });
    metrics.recordAttempt({ ...base, outcome: 'stalled' });
    const samples = await scrape(metrics);
    expect(samplesOf(samples, 'queue_otel_jobs_retried_total')[0]?.value).toBe(2);
    expect(samplesOf(samples, 'queue_otel_jobs_stalled_total')[0]?.value).toBe(1);
    expect(samplesOf(samples, 'queue_otel_jobs_completed_total')).toEqual([]);
    expect(samplesOf(samples, 'messaging_process_duration_seconds_count', { outcome: 'retried' })[0]?.value).toBe(1);
    expect(samplesOf(samples, 'messaging_process_duration_seconds_count', { outcome: 'stalled' })).toEqual([]);
  });

  test('recordSent counts jobs with an exemplar of the producer span', async () => {
    const metrics = new QueueMetrics();
    metrics.recordSent({ queue: 'emails', jobName: 'welcome', count: 3, traceId: TRACE, spanId: SPAN });
    metrics.recordSent({ queue: 'emails', jobName: 'welcome' });
    const [sent] = samplesOf(await scrape(metrics), 'messaging_client_sent_messages_total');
    expect(sent?.value).toBe(4);
    expect(sent?.exemplar?.labels.span_id).toBe(SPAN);
  });

  test('job names beyond maxJobNames fold into __other__ per queue, and queues beyond maxQueues too', async () => {
    const metrics = new QueueMetrics({ maxJobNames: 3, maxQueues: 2 });
    for (let i = 0; i < 10; i++) metrics.recordSent({ queue: 'a', jobName: `job-${i}` });
    metrics.recordSent({ queue: 'b', jobName: 'job-9' });
    metrics.recordSent({ queue: 'c', jobName: 'job-0' });
    const sent = samplesOf(await scrape(metrics), 'messaging_client_sent_messages_total');
    const names = (queue: string) => sent.filter((s) => s.labels.messaging_destination_name === queue).map((s) => s.labels.bullmq_job_name).sort();
    expect(names('a')).toEqual([OTHER_LABEL_VALUE, 'job-0', 'job-1', 'job-2']);
    expect(sent.find((s) => s.labels.bullmq_job_name === OTHER_LABEL_VALUE)?.value).toBe(7);
    expect(names('b')).toEqual(['job-9']);
    expect(names(OTHER_LABEL_VALUE)).toEqual(['job-0']);
    expect(names('c')).toEqual([]);
  });

  test('label values are sanitized: control characters removed, long values cut, empty becomes unknown', async () => {
    const metrics = new QueueMetrics();
    metrics.recordSent({ queue: 'q\n1', jobName: 'x'.repeat(500) });
    metrics.recordSent({ queue: 'q2', jobName: '  ' });
    const sent = samplesOf(await scrape(metrics), 'messaging_client_sent_messages_total');
    const conventional = { messaging_system: 'bullmq', messaging_operation_name: 'add' };
    expect(sent.map((s) => s.labels)).toEqual([
      { ...conventional, messaging_destination_name: 'q1', bullmq_job_name: 'x'.repeat(128) },
      { ...conventional, messaging_destination_name: 'q2', bullmq_job_name: 'unknown' },
    ]);
  });

  test('the conventions\' labels: messaging_system and messaging_operation_name everywhere, error_type on failures only, bounded', async () => {
    const metrics = new QueueMetrics({ maxErrorTypes: 3 });
    const ids = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
    metrics.recordSent({ queue: 'q', jobName: 'j', operation: 'addBulk', count: 3 });
    metrics.recordSent({ queue: 'q', jobName: 'j', operation: 'add', errorType: 'ReplyError' });
    metrics.recordOperation({ queue: 'q', operation: 'add', durationSeconds: 0.004, ...ids });
    metrics.recordOperation({ queue: 'q', operation: 'add', durationSeconds: 0.2, errorType: 'ReplyError' });
    metrics.recordOperation({ queue: '', operation: 'addBulkFlows', durationSeconds: 0.01 });
    metrics.recordOperation({ queue: 'q', operation: 'add', durationSeconds: -1 });
    for (const errorType of ['TypeError', 'RangeError', 'EvalError']) metrics.recordAttempt({ queue: 'q', jobName: 'j', outcome: 'retried', processSeconds: 0.1, errorType });
    metrics.recordAttempt({ queue: 'q', jobName: 'j', outcome: 'completed', processSeconds: 0.1 });
    const s = await scrape(metrics);
    expect(samplesOf(s, 'messaging_client_sent_messages_total').map((x) => [x.labels, x.value])).toEqual([
      [{ messaging_system: 'bullmq', messaging_operation_name: 'addBulk', messaging_destination_name: 'q', bullmq_job_name: 'j' }, 3],
      [{ messaging_system: 'bullmq', messaging_operation_name: 'add', messaging_destination_name: 'q', bullmq_job_name: 'j', error_type: 'ReplyError' }, 1],
    ]);
    const operations = samplesOf(s, 'messaging_client_operation_duration_seconds_count').map((x) => [x.labels, x.value]);
    expect(operations).toEqual([
      [{ messaging_system: 'bullmq', messaging_operation_name: 'add', messaging_destination_name: 'q' }, 1],
      [{ messaging_system: 'bullmq', messaging_operation_name: 'add', messaging_destination_name: 'q', error_type: 'ReplyError' }, 1],
      [{ messaging_system: 'bullmq', messaging_operation_name: 'addBulkFlows' }, 1],
    ]);
    // The conventions' advised buckets, from 5 ms to 10 s; and its exemplar.
    const buckets = samplesOf(s, 'messaging_client_operation_duration_seconds_bucket').filter((x) => x.labels.error_type === undefined && x.labels.messaging_destination_name === 'q');
    expect(buckets.map((x) => x.labels.le)).toEqual(['0.005', '0.01', '0.025', '0.05', '0.075', '0.1', '0.25', '0.5', '0.75', '1', '2.5', '5', '7.5', '10', '+Inf']);
    expect(buckets[0]?.exemplar?.labels).toEqual({ trace_id: ids.traceId, span_id: ids.spanId });
    const consumed = samplesOf(s, 'messaging_client_consumed_messages_total').map((x) => x.labels.error_type);
    // Three error classes kept (ReplyError, TypeError, RangeError), a fourth folded.
    expect(consumed).toEqual(['TypeError', 'RangeError', '__other__', undefined]);
    expect(samplesOf(s, 'messaging_process_duration_seconds_count').every((x) => x.labels.messaging_operation_name === 'process' && x.labels.messaging_system === 'bullmq')).toBe(true);
  });

  test('two instances can share one registry', async () => {
    const registry = new Registry();
    const one = new QueueMetrics({ registry });
    const two = new QueueMetrics({ registry });
    one.recordSent({ queue: 'q', jobName: 'j' });
    two.recordSent({ queue: 'q', jobName: 'j' });
    expect(samplesOf(parseOpenMetrics(await registry.metrics()), 'messaging_client_sent_messages_total')[0]?.value).toBe(2);
    // A Prometheus-format registry given by the user keeps its format.
    expect(registry.contentType).toBe(Registry.PROMETHEUS_CONTENT_TYPE);
  });
});
