import { Queue, Worker } from 'bullmq';
import type { Processor } from 'bullmq';
import { QueueMetrics, startMetricsServer } from '../../src/exemplars';
import { QueueOtel } from '../../src';
import { createTestTracing, waitFor } from '../support/tracing';
import type { MetricsServer } from '../../src/exemplars';
import { prometheusAvailable, startPrometheus } from '../support/prometheus';
import { dashboardQueries, withVariables } from './dashboard-queries';
import type { RunningPrometheus } from '../support/prometheus';
import { redisConnection, uniqueQueueName } from '../support/redis';

/**
 * End-to-end proof: a real worker's observations carry trace ids as exemplars, a real Prometheus scrapes
 * them, and the slow job's trace id comes back from /api/v1/query_exemplars.
 */

interface JobData {
  sleepMs: number;
}

interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: { labels: Record<string, string>; value: string; timestamp: number }[];
}


describe('exemplars in a real Prometheus', () => {
  let prometheus: RunningPrometheus | undefined;
  let server: MetricsServer | undefined;
  let queue: Queue<JobData> | undefined;
  let worker: Worker<JobData> | undefined;

  afterAll(async () => {
    await prometheus?.stop();
    await server?.close();
    await worker?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
  });

  test("the slow job's trace id is read back from /api/v1/query_exemplars", async () => {
    expect(prometheusAvailable()).toBe(true);
    const startedAt = Date.now() / 1000;
    // The worker's QueueOtel records the metrics; exemplars carry its process spans' ids.
    const { provider, exporter } = createTestTracing();
    const metrics = new QueueMetrics();
    const telemetry = new QueueOtel({ tracerProvider: provider, metrics });
    server = await startMetricsServer({ registry: metrics.registry, port: 0 });
    prometheus = await startPrometheus({ targets: [new URL(server.url).host] });

    const name = uniqueQueueName('exemplars');
    const connection = redisConnection();
    queue = new Queue<JobData>(name, { connection, telemetry });
    const sleepy: Processor<JobData> = (job) => new Promise((resolve) => setTimeout(resolve, job.data.sleepMs));
    worker = new Worker<JobData>(name, sleepy, { connection, concurrency: 4, telemetry });

    const all = Array.from({ length: 13 }, (_, i) => ({ sleepMs: i === 6 ? 1500 : 5 }));
    const finished = new Promise<void>((resolve, reject) => {
      let completed = 0;
      worker!.on('completed', () => ++completed === all.length && resolve());
      worker!.on('failed', (_job, error) => reject(error));
    });
    // Added one by one, so that each job starts its own trace.
    const jobs = [];
    for (const data of all) jobs.push(await queue.add('report', data));
    await finished;
    const processSpans = await waitFor('all process spans', () => {
      const found = exporter.getFinishedSpans().filter((span) => span.name === `process ${name}`);
      return found.length === all.length && found;
    });
    const idsOf = (jobId: string) => processSpans.find((span) => span.attributes['messaging.message.id'] === jobId)!.spanContext();
    const slow = idsOf(jobs[6]!.id!);
    const fast = jobs.filter((_, i) => i !== 6).map((job) => idsOf(job.id!));

    const query = `messaging_process_duration_seconds_bucket{messaging_destination_name="${name}"}`;
    let series: ExemplarSeries[] = [];
    const deadline = Date.now() + 40_000;
    const hasSlow = () => series.some((s) => s.exemplars.some((e) => e.labels.trace_id === slow.traceId));
    while (!hasSlow() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      series = await prometheus.api<ExemplarSeries[]>('query_exemplars', {
        query, start: String(startedAt - 60), end: String(Date.now() / 1000 + 60),
      });
    }
    if (!hasSlow()) throw new Error(`slow exemplar never arrived; got ${JSON.stringify(series)}\n${prometheus.log()}`);

    const slowSeries = series.find((s) => s.exemplars.some((e) => e.labels.trace_id === slow.traceId));
    const slowExemplar = slowSeries?.exemplars.find((e) => e.labels.trace_id === slow.traceId);
    expect(slowSeries?.seriesLabels).toMatchObject({ bullmq_job_name: 'report', outcome: 'completed', le: '2.5' });
    expect(slowExemplar?.labels.span_id).toBe(slow.spanId);
    expect(Number(slowExemplar?.value)).toBeGreaterThanOrEqual(1.4);
    // The fast jobs' exemplars sit in low buckets; none of them claims the slow observation.
    const fastIds = new Set(fast.map((f) => f.traceId));
    for (const s of series) {
      for (const e of s.exemplars) {
        if (fastIds.has(e.labels.trace_id ?? '')) expect(Number(e.value)).toBeLessThan(0.5);
      }
    }

    // Every dashboard query is valid PromQL for this Prometheus; the wait-vs-processing ones return data.
    // rate() needs two scrapes of a series, so the data-bearing queries are polled for a few seconds.
    for (const { panel, expr } of dashboardQueries()) {
      const query = withVariables(expr, name);
      let data = await prometheus.api<{ result: unknown[] }>('query', { query });
      const until = Date.now() + 10_000;
      while (panel.startsWith('Wait vs processing') && data.result.length === 0 && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        data = await prometheus.api<{ result: unknown[] }>('query', { query });
      }
      if (panel.startsWith('Wait vs processing')) expect(data.result.length).toBeGreaterThan(0);
    }
  }, 60_000);
});
