/**
 * Prometheus metrics whose latency histograms carry the trace id of a sampled job as an exemplar: QueueMetrics is
 * QueueOtel's `metrics`, startMetricsServer serves its registry as OpenMetrics, and after a few jobs the example
 * fetches its own /metrics and prints the wait and processing histogram lines that carry a `trace_id` exemplar,
 * checking each against the ids of the jobs' process spans (see docs/metrics.md). Run it with
 * `npm run example:metrics` (an embedded Redis), or point it at a Redis of your own with REDIS_URL.
 */
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Queue, Worker } from 'bullmq';
import { QueueOtel, QueueSampler } from 'queue-otel';
import { QueueMetrics, startMetricsServer } from 'queue-otel/metrics';
import { startEmbeddedRedis } from 'queue-otel-cli/dev';

const JOBS = 5;
const HISTOGRAMS = ['queue_otel_job_wait_duration_seconds_bucket', 'messaging_process_duration_seconds_bucket'];

async function main(): Promise<void> {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const sampler = new QueueSampler({ default: 1 });
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ sampler, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const metrics = new QueueMetrics({ sampler });
  const telemetry = new QueueOtel({ tracerProvider: provider, metrics });
  const external = process.env.REDIS_URL;
  const embedded = external ? undefined : await startEmbeddedRedis();
  const url = new URL(external ?? `redis://${embedded!.host}:${embedded!.port}`);
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const name = `reports-${process.pid}`;
  // Port 0: any free port, so the example never clashes with a running exporter on 9464.
  const server = await startMetricsServer({ registry: metrics.registry, port: 0 });

  const queue = new Queue(name, { connection, telemetry });
  const worker = new Worker(name, async (job) => new Promise((resolve) => setImmediate(resolve, job.data.n)), { connection, telemetry });
  let done = 0;
  const finished = new Promise<void>((resolve) => worker.on('completed', () => ++done === JOBS && resolve()));
  for (let i = 0; i < JOBS; i += 1) await queue.add('render', { n: i });
  await finished;

  // What Prometheus would scrape (it asks for OpenMetrics, the only format with exemplars).
  const response = await fetch(server.url);
  const body = await response.text();
  // The exemplar names the job's process span: trace id and span id.
  const processSpans = new Set(exporter.getFinishedSpans().filter((s) => s.name === `process ${name}`).map((s) => `${s.spanContext().traceId}/${s.spanContext().spanId}`));
  console.log(`GET ${server.url}: ${response.status}, ${response.headers.get('content-type')}`);
  for (const line of body.split('\n')) {
    if (!HISTOGRAMS.some((metric) => line.startsWith(metric)) || !line.includes(' # {')) continue;
    const [, traceId, spanId] = /trace_id="([0-9a-f]{32})",span_id="([0-9a-f]{16})"/.exec(line) ?? [];
    console.log(line);
    console.log(`  exemplar trace_id=${traceId} is a job's process span: ${processSpans.has(`${traceId}/${spanId}`) ? 'yes' : 'NO'}`);
  }

  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await metrics.close();
  await server.close();
  await provider.shutdown();
  await embedded?.stop();
  console.log('\nEach bucket keeps the latest exemplar: in Grafana, a click on it opens that job\'s trace.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
