/**
 * Exporting over OTLP with `setupTracing()`: the endpoint comes from OTEL_EXPORTER_OTLP_ENDPOINT (default
 * http://localhost:4318, a local Collector or Jaeger), an auth header from OTLP_TOKEN, and ten jobs are processed.
 * With nothing listening at the endpoint it degrades gracefully (docs/degradation.md): the jobs still run, the spans
 * wait in a bounded buffer and are dropped, counted, at shutdown, which is bounded too, and the script exits 0.
 * It prints the export's counters either way. Run it with `npm run example:otlp` (an embedded Redis), or point it
 * at a Redis of your own with REDIS_URL; start a Collector or Jaeger on 4318 first to see the spans arrive.
 */
import { trace } from '@opentelemetry/api';
import { Queue, Worker } from 'bullmq';
import { QueueOtel } from 'queue-otel';
import { setupTracing } from 'queue-otel/setup';
import { startEmbeddedRedis } from 'queue-otel-cli/dev';

const JOBS = 10;

async function main(): Promise<void> {
  // Once per process, before any queue or worker. The code's options win over the OTEL_* variables.
  const tracing = setupTracing({
    serviceName: 'mailer-example',
    endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318',
    headers: { authorization: `Bearer ${process.env.OTLP_TOKEN ?? 'example-token'}` },
    // Short bounds for an example: an unanswered request gives up after 2 s, shutdown() after 3 s in all.
    resilience: { exportTimeoutMillis: 2_000, flushTimeoutMillis: 3_000 },
  });
  console.log(`exporting over ${tracing.protocol} to ${tracing.endpoint}`);

  const external = process.env.REDIS_URL;
  const embedded = external ? undefined : await startEmbeddedRedis();
  const url = new URL(external ?? `redis://${embedded!.host}:${embedded!.port}`);
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const name = `mailer-${process.pid}`;
  const telemetry = new QueueOtel();
  const queue = new Queue(name, { connection, telemetry });
  const worker = new Worker(name, async (job) => `sent to ${job.data.to}`, { connection, telemetry });
  let done = 0;
  const finished = new Promise<void>((resolve) => worker.on('completed', () => ++done === JOBS && resolve()));

  await trace.getTracer('example').startActiveSpan('POST /newsletter', async (span) => {
    for (let i = 0; i < JOBS; i += 1) await queue.add('newsletter', { to: `reader-${i}` });
    span.end();
  });
  await finished;
  console.log(`processed ${done} of ${JOBS} jobs`);

  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await embedded?.stop();
  // Flushes what is buffered, bounded by flushTimeoutMillis whether or not the endpoint answers.
  await tracing.shutdown();
  const stats = tracing.exportStats();
  // No counters when setupTracing started nothing (OTEL_SDK_DISABLED=true, OTEL_TRACES_EXPORTER=none ...).
  if (!stats) return console.log(`tracing off (${tracing.reason}): the jobs ran without it`);
  console.log(`spans: ${stats.accepted} recorded, ${stats.exported} exported, ${stats.droppedTotal} dropped, ${stats.failures} failed attempts`);
  console.log(stats.exported === stats.accepted
    ? 'The endpoint took every span.'
    : `Nothing took them at ${tracing.endpoint}: the jobs ran anyway, and the lost spans were counted (docs/degradation.md).`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
