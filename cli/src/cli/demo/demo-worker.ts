/**
 * A demo worker process: tracing into the Redis span store, metrics with exemplars on a local endpoint, and
 * BullMQ workers for the demo queues. Started by `queue-otel demo`; stops when the demo (its parent) goes away.
 */
import { Worker } from 'bullmq';
import { QueueOtel } from 'queue-otel';
import { QueueMetrics, startMetricsServer } from 'queue-otel/metrics';
import { setupTracing } from 'queue-otel/setup';
import { RedisSpanExporter } from 'queue-otel/store';
import { demoPrefixesOf } from './child-processes';
import { demoRedisOptions } from './demo-connection';
import { DEMO_QUEUES, processDemoJob } from './demo-jobs';
import { stopOnSignals } from './stop-signals';

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  // The URL and TLS files the demo's UI connects with (QUEUE_OTEL_REDIS_TLS_*, inherited), for the queues, the
  // workers and the span exporter alike.
  const redisOptions = demoRedisOptions(redisUrl, process.env);
  const name = process.env.DEMO_WORKER_NAME ?? 'worker';
  const { bullPrefix, keyPrefix } = demoPrefixesOf(process.env);
  const tracing = setupTracing({ serviceName: `demo-${name}`, exporter: new RedisSpanExporter({ connection: redisOptions, keyPrefix }) });
  const queueMetrics = new QueueMetrics({ sampler: tracing.sampler });
  const telemetry = new QueueOtel({ metrics: queueMetrics });
  const metrics = await startMetricsServer({ registry: queueMetrics.registry, port: Number(process.env.DEMO_METRICS_PORT ?? 0) });
  const connection = { ...redisOptions, maxRetriesPerRequest: null };
  // Low concurrency so jobs queue up and the wait spans have something to show.
  const workers = DEMO_QUEUES.map((queue) => new Worker(queue, processDemoJob, { connection, prefix: bullPrefix, telemetry, concurrency: 2 }));
  workers.forEach((worker) => worker.on('error', () => undefined));
  process.send?.({ type: 'ready', name, metricsUrl: metrics.url });

  stopOnSignals(async () => {
    await Promise.allSettled(workers.map((worker) => worker.close()));
    await queueMetrics.close();
    await metrics.close();
    await tracing.shutdown();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
