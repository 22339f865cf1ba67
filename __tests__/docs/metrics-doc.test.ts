import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetricNames } from 'bullmq';
import { createBullmqMeter, createOpenMetricsRegistry, QueueMetrics } from '../../src/exemplars';

/**
 * docs/metrics.md against the code: every metric and label a registry gets from QueueMetrics, its health metrics and
 * BullMQ's meter is in the document's tables, and the tables name nothing the code does not write.
 */
const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'metrics.md'), 'utf8');
const labelsStart = doc.indexOf('### Labels');
const labelsSection = doc.slice(labelsStart, doc.indexOf('\n## ', labelsStart));

/** The first column of every table row (one backticked identifier). */
function firstColumn(text: string): Set<string> {
  return new Set([...text.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]!));
}

async function writtenByTheCode(): Promise<{ metrics: Set<string>; labels: Set<string> }> {
  const registry = createOpenMetricsRegistry();
  const metrics = new QueueMetrics({ registry });
  const ids = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
  metrics.recordSent({ queue: 'q', jobName: 'j', operation: 'add', errorType: 'Error', ...ids });
  metrics.recordOperation({ queue: 'q', operation: 'add', durationSeconds: 0.01, errorType: 'Error', ...ids });
  for (const outcome of ['completed', 'failed', 'retried', 'stalled'] as const) {
    metrics.recordAttempt({ queue: 'q', jobName: 'j', outcome, processSeconds: 1, waitSeconds: 1, endToEndSeconds: 1, errorType: 'Error', ...ids });
  }
  metrics.trackQueue({ name: 'q', getJobCounts: async () => ({ waiting: 1 }) });
  metrics.trackQueue({ name: 'r', getJobCounts: async () => Promise.reject(new Error('down')) });
  await metrics.refreshQueueDepth();
  await metrics.close();
  const health = metrics.health!;
  health.spanCreated('worker', 'process');
  health.exportError('otlp-http', 'timeout');
  health.setSamplingRatio('q', 1);
  health.propagationFailure('extract', 'not_json');
  health.spansDropped('queue_full');
  health.spanDataTrimmed('events');
  // BullMQ's own metrics, every one its enum names, recorded as BullMQ records them.
  const meter = createBullmqMeter(registry);
  const attributes = { 'bullmq.queue.name': 'q', 'bullmq.job.name': 'j', 'bullmq.job.state': 'completed' };
  for (const name of Object.values(MetricNames)) {
    if (name === MetricNames.JobDuration) meter.createHistogram(name, { unit: 'ms' }).record(5, attributes);
    else if (name === MetricNames.QueueJobsCount) meter.createGauge(name, { unit: '{jobs}' }).record(1, { 'bullmq.queue.name': 'q', 'bullmq.queue.jobs.state': 'waiting' });
    else meter.createCounter(name, { unit: '1' }).add(1, attributes);
  }
  const names = new Set<string>();
  const labels = new Set<string>();
  for (const metric of await registry.getMetricsAsJSON()) {
    names.add(metric.name);
    for (const value of metric.values) for (const label of Object.keys(value.labels)) if (label !== 'le') labels.add(label);
  }
  return { metrics: names, labels };
}

test('every metric the code writes is documented in docs/metrics.md, and the tables name no other', async () => {
  const { metrics } = await writtenByTheCode();
  const inDoc = new Set([...firstColumn(doc.replace(labelsSection, ''))].filter((name) => /^(messaging|queue_otel|bullmq)_/.test(name)));
  expect([...metrics].filter((name) => !inDoc.has(name)).sort()).toEqual([]);
  expect([...inDoc].filter((name) => !metrics.has(name)).sort()).toEqual([]);
});

test('every label the code writes is in the labels table, and the table names no other', async () => {
  const { labels } = await writtenByTheCode();
  const inDoc = firstColumn(labelsSection);
  expect([...labels].filter((label) => !inDoc.has(label)).sort()).toEqual([]);
  expect([...inDoc].filter((label) => !labels.has(label)).sort()).toEqual([]);
});
