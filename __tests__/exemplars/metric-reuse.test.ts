import { diag, DiagLogLevel } from '@opentelemetry/api';
import { Counter, Histogram, Registry } from 'prom-client';
import type { OpenMetricsContentType } from 'prom-client';
import { createBullmqMeter, createOpenMetricsRegistry, QueueMetrics, TracingHealthMetrics } from '../../src/exemplars';
import { parseOpenMetrics, samplesOf } from './openmetrics-text';

// A metric of the same name on a shared registry is reused only when defined the same way: reused otherwise, every
// record would throw (other labels) or silently follow the first definition (other buckets, other exemplar mode).
describe('a metric name already registered with another definition', () => {
  test('other label names: construction throws, naming the metric and both label sets', () => {
    const registry = createOpenMetricsRegistry();
    new Histogram({ name: 'messaging_process_duration_seconds', help: 'mine', labelNames: ['route'], registers: [registry] });
    expect(() => new QueueMetrics({ registry })).toThrow(
      /metric messaging_process_duration_seconds is already registered on this registry with label names \[route\], not \[messaging_system, .*error_type\]/,
    );
  });

  test('other buckets: a second QueueMetrics throws instead of silently getting the first one\'s', () => {
    const registry = createOpenMetricsRegistry();
    new QueueMetrics({ registry });
    expect(() => new QueueMetrics({ registry, buckets: [1, 2, 3] })).toThrow(/messaging_process_duration_seconds .*buckets \[0\.005, .*600\], not \[1, 2, 3\]/);
  });

  test('another exemplar mode (content type changed between two QueueMetrics) throws', () => {
    const registry = new Registry();
    new QueueMetrics({ registry });
    // prom-client types a registry's content type as fixed; users switch it anyway.
    (registry as unknown as Registry<OpenMetricsContentType>).setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    expect(() => new QueueMetrics({ registry })).toThrow(/exemplars off, not on/);
  });

  test('the health metrics check their labels too', () => {
    const registry = createOpenMetricsRegistry();
    new Counter({ name: 'queue_otel_spans_created_total', help: 'mine', labelNames: ['service'], registers: [registry] });
    expect(() => new TracingHealthMetrics({ registry })).toThrow(/queue_otel_spans_created_total .*label names \[service\], not \[component, operation\]/);
  });

  test('identical definitions are still shared, in any label order', async () => {
    const registry = createOpenMetricsRegistry();
    new Counter({ name: 'queue_otel_jobs_completed_total', help: 'same', labelNames: ['bullmq_job_name', 'messaging_destination_name'], enableExemplars: true, registers: [registry] });
    const one = new QueueMetrics({ registry, buckets: [1, 2] });
    const two = new QueueMetrics({ registry, buckets: [1, 2] });
    one.recordAttempt({ queue: 'q', jobName: 'j', outcome: 'completed', processSeconds: 1 });
    two.recordAttempt({ queue: 'q', jobName: 'j', outcome: 'completed', processSeconds: 1 });
    const samples = parseOpenMetrics(await registry.metrics());
    expect(samplesOf(samples, 'queue_otel_jobs_completed_total')[0]?.value).toBe(2);
    expect(samplesOf(samples, 'messaging_process_duration_seconds_count')[0]?.value).toBe(2);
  });

  test('a BullMQ metric clashing with one of the user\'s records nothing and warns once, never throwing into BullMQ', () => {
    const warnings: string[] = [];
    const ignore = () => undefined;
    diag.setLogger({ error: ignore, warn: (message) => warnings.push(message), info: ignore, debug: ignore, verbose: ignore }, DiagLogLevel.WARN);
    try {
      const registry = createOpenMetricsRegistry();
      new Counter({ name: 'bullmq_jobs_completed_total', help: 'mine', labelNames: ['route'], registers: [registry] });
      const meter = createBullmqMeter(registry);
      const attributes = { 'bullmq.queue.name': 'q', 'bullmq.job.name': 'j' };
      expect(() => meter.createCounter('bullmq.jobs.completed', { unit: '1' }).add(1, attributes)).not.toThrow();
      expect(() => meter.createCounter('bullmq.jobs.completed', { unit: '1' }).add(1, attributes)).not.toThrow();
      expect(warnings).toEqual([expect.stringMatching(/bullmq_jobs_completed_total .*label names \[route\].*not recorded/)]);
    } finally {
      diag.disable();
    }
  });
});
