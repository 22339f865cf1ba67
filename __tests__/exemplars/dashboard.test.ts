import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueueLabelNames, QueueMetricNames } from '../../src/exemplars';
import { TracingHealthMetricNames } from '../../src/health';
import { dashboardQueries } from './dashboard-queries';

const labels = new Set<string>(Object.values(QueueLabelNames));
const known = new Set<string>([...Object.values(QueueMetricNames), ...Object.values(TracingHealthMetricNames)]);

describe('deploy/grafana/queue-otel-dashboard.json', () => {
  const queries = dashboardQueries();

  test('every metric a query uses is one this package exports', () => {
    const used = queries.flatMap((q) => [...q.expr.matchAll(/\b((?:messaging|bullmq|queue_otel)_[a-z_]+)\b/g)].map((m) => m[1] ?? ''));
    const metrics = used.filter((name) => !labels.has(name));
    const unknown = metrics.map((name) => name.replace(/_(bucket|sum|count)$/, '')).filter((name) => !known.has(name));
    expect(metrics.length).toBeGreaterThan(10);
    expect(unknown).toEqual([]);
  });

  test('latency panels request exemplars; wait and processing time sit side by side per job name', () => {
    const latency = queries.filter((q) => q.expr.includes('histogram_quantile'));
    expect(latency.length).toBeGreaterThanOrEqual(4);
    expect(latency.filter((q) => !q.exemplar)).toEqual([]);
    const waitVsProcess = queries.filter((q) => q.panel.startsWith('Wait vs processing time p95'));
    expect(waitVsProcess.map((q) => q.expr)).toEqual([
      expect.stringContaining('queue_otel_job_wait_duration_seconds_bucket'),
      expect.stringContaining('messaging_process_duration_seconds_bucket'),
    ]);
    expect(waitVsProcess.every((q) => q.expr.includes('by (messaging_destination_name, bullmq_job_name, le)'))).toBe(true);
  });

  test('is in the current classic schema (43): nothing a newer Grafana would have to migrate on import', () => {
    const dashboard = JSON.parse(readFileSync(join(__dirname, '..', '..', 'deploy', 'grafana', 'queue-otel-dashboard.json'), 'utf8')) as Record<string, unknown>;
    expect(dashboard.schemaVersion).toBe(43);
    // What migrations 40 to 43 rewrite: a non-string refresh, timepicker.time_options, formatTime transformations.
    expect(typeof dashboard.refresh).toBe('string');
    const text = JSON.stringify(dashboard);
    expect(text).not.toContain('time_options');
    expect(text).not.toContain('"formatTime"');
  });

  test('the producer operations have a latency panel of their own, with exemplars', () => {
    const operations = queries.filter((q) => q.expr.includes('messaging_client_operation_duration_seconds_bucket'));
    expect(operations.map((q) => q.exemplar)).toEqual([true]);
  });
});
