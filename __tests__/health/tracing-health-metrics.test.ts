import { Registry } from 'prom-client';
import { QueueMetrics } from '../../src/exemplars';
import { TracingHealthMetrics } from '../../src/health';
import { parseOpenMetrics, samplesOf } from '../exemplars/openmetrics-text';

async function samples(health: TracingHealthMetrics) {
  return parseOpenMetrics(await health.registry.metrics());
}

describe('TracingHealthMetrics', () => {
  test('records every health metric with its labels', async () => {
    const health = new TracingHealthMetrics();
    health.spanCreated('worker', 'process');
    health.spanCreated('worker', 'process', 2);
    health.exportError('otlp-http', 'timeout');
    health.setSamplingRatio('emails', 0.25);
    health.propagationFailure('extract', 'invalid_traceparent');
    health.spansDropped('queue_full', 12);
    health.spanDataTrimmed('attribute_values', 2);
    health.spanDataTrimmed('attribute_values');
    const s = await samples(health);
    expect(samplesOf(s, 'queue_otel_spans_created_total', { component: 'worker', operation: 'process' })[0]?.value).toBe(3);
    expect(samplesOf(s, 'queue_otel_export_errors_total', { backend: 'otlp-http', error_type: 'timeout' })[0]?.value).toBe(1);
    expect(samplesOf(s, 'queue_otel_sampling_ratio', { messaging_destination_name: 'emails' })[0]?.value).toBe(0.25);
    expect(samplesOf(s, 'queue_otel_context_propagation_failures_total', { direction: 'extract', reason: 'invalid_traceparent' })[0]?.value).toBe(1);
    expect(samplesOf(s, 'queue_otel_spans_dropped_total', { reason: 'queue_full' })[0]?.value).toBe(12);
    expect(samplesOf(s, 'queue_otel_span_data_trimmed_total', { kind: 'attribute_values' })[0]?.value).toBe(3);
  });

  test('clamps the sampling ratio and ignores non-numbers and non-positive counts', async () => {
    const health = new TracingHealthMetrics();
    health.setSamplingRatio('a', 7);
    health.setSamplingRatio('b', -1);
    health.setSamplingRatio('c', 0.5);
    health.setSamplingRatio('c', Number.NaN);
    health.spansDropped('x', 0);
    health.spansDropped('x', -3);
    health.spanDataTrimmed('events', 0);
    health.spanDataTrimmed('events', Number.NaN);
    health.exportError('otlp', 'e', Number.POSITIVE_INFINITY);
    const s = await samples(health);
    expect(samplesOf(s, 'queue_otel_sampling_ratio').map((x) => [x.labels.messaging_destination_name, x.value])).toEqual([['a', 1], ['b', 0], ['c', 0.5]]);
    expect(samplesOf(s, 'queue_otel_spans_dropped_total')).toEqual([]);
    expect(samplesOf(s, 'queue_otel_span_data_trimmed_total')).toEqual([]);
    expect(samplesOf(s, 'queue_otel_export_errors_total')).toEqual([]);
  });

  test('bounds each label: values beyond maxLabelValues fold into __other__', async () => {
    const health = new TracingHealthMetrics({ maxLabelValues: 2 });
    for (let i = 0; i < 50; i++) health.exportError('otlp', `Error: connect ECONNREFUSED 10.0.0.${i}:4318`);
    const errorTypes = samplesOf(await samples(health), 'queue_otel_export_errors_total').map((x) => x.labels.error_type);
    expect(errorTypes).toHaveLength(3);
    expect(errorTypes).toContain('__other__');
  });

  test('shares a registry with other metrics', async () => {
    const registry = new Registry();
    const health = new TracingHealthMetrics({ registry });
    new TracingHealthMetrics({ registry }).spanCreated('producer', 'add');
    health.spanCreated('producer', 'add');
    expect(samplesOf(await samples(health), 'queue_otel_spans_created_total')[0]?.value).toBe(2);
  });
});

describe('queue_otel_sampling_ratio beyond its queue limit', () => {
  test('queues past maxQueues are not exported (an __other__ series would show whichever rate came last)', async () => {
    const health = new TracingHealthMetrics({ maxQueues: 2 });
    health.setSamplingRatio('a', 1);
    health.setSamplingRatio('b', 0.5);
    health.setSamplingRatio('c', 0.1);
    health.setSamplingRatio('a', 0.2);
    const ratios = samplesOf(await samples(health), 'queue_otel_sampling_ratio').map((x) => [x.labels.messaging_destination_name, x.value]);
    expect(ratios).toEqual([['a', 0.2], ['b', 0.5]]);
  });

  test('a QueueMetrics exports the ratio of as many queues as its maxQueues (50 by default), not 32', async () => {
    const metrics = new QueueMetrics();
    for (let i = 0; i < 60; i++) metrics.health?.setSamplingRatio(`q${i}`, i / 100);
    const queues = samplesOf(parseOpenMetrics(await metrics.registry.metrics()), 'queue_otel_sampling_ratio').map((x) => x.labels.messaging_destination_name);
    expect(queues).toHaveLength(50);
    expect(queues).toContain('q49');
    expect(queues).not.toContain('__other__');
  });
});
