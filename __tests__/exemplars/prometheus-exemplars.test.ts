import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import type { Job, Processor } from 'bullmq';
import { jobTimings, QueueMetrics, startMetricsServer } from '../../src/exemplars';
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
  traceId: string;
  spanId: string;
  sleepMs: number;
}

/**
 * The one place observations come from. Today it records straight through QueueMetrics.recordAttempt with
 * the made-up ids a job carries; when QueueOtel records metrics itself, replace this function by the worker
 * telemetry of QueueOtel (the job ids then come from its process span).
 */
function observeThroughQueueMetrics(metrics: QueueMetrics, processor: Processor<JobData>): Processor<JobData> {
  return async (job: Job<JobData>, token?: string) => {
    const result: unknown = await processor(job, token);
    const timings = jobTimings(job, Date.now(), true);
    metrics.recordAttempt({
      queue: job.queueName, jobName: job.name, outcome: 'completed',
      processSeconds: timings.processSeconds, waitSeconds: timings.waitSeconds, endToEndSeconds: timings.endToEndSeconds,
      traceId: job.data.traceId, spanId: job.data.spanId,
    });
    return result;
  };
}

interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: { labels: Record<string, string>; value: string; timestamp: number }[];
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

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
    const metrics = new QueueMetrics();
    server = await startMetricsServer({ registry: metrics.registry, port: 0 });
    prometheus = await startPrometheus({ targets: [new URL(server.url).host] });

    const name = uniqueQueueName('exemplars');
    const connection = redisConnection();
    queue = new Queue<JobData>(name, { connection });
    const sleepy: Processor<JobData> = (job) => new Promise((resolve) => setTimeout(resolve, job.data.sleepMs));
    worker = new Worker<JobData>(name, observeThroughQueueMetrics(metrics, sleepy), { connection, concurrency: 4 });

    const slow = { traceId: hex(16), spanId: hex(8), sleepMs: 1500 };
    const fast = Array.from({ length: 12 }, () => ({ traceId: hex(16), spanId: hex(8), sleepMs: 5 }));
    const all = [...fast.slice(0, 6), slow, ...fast.slice(6)];
    const finished = new Promise<void>((resolve, reject) => {
      let completed = 0;
      worker!.on('completed', () => ++completed === all.length && resolve());
      worker!.on('failed', (_job, error) => reject(error));
    });
    await queue.addBulk(all.map((data) => ({ name: 'report', data })));
    await finished;

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
