/**
 * What `unsampledJobs: 'lean'` changes, side by side: the same 200 jobs through a queue sampled at 10%,
 * once with `propagate` and once with `lean` (the default). Prints how many jobs were traced, what an
 * unsampled job carries, and how Redis stores a small waiting job. Run it with `npm run example:lean`
 * (an embedded Redis), or point it at a Redis of your own with REDIS_URL.
 */
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueOtel, QueueSampler } from 'queue-otel';
import type { UnsampledJobs } from 'queue-otel';
import { startEmbeddedRedis } from 'queue-otel-cli/dev';

const JOBS = 200;

async function runMode(mode: UnsampledJobs, connection: { host: string; port: number }, redis: Redis): Promise<void> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ sampler: new QueueSampler({ default: 0.1 }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const telemetry = new QueueOtel({ tracerProvider: provider, unsampledJobs: mode });
  const name = `example-${mode}-${process.pid}`;
  const queue = new Queue(name, { connection, telemetry });
  for (let i = 0; i < JOBS; i += 1) await queue.add('digest', { n: i });

  // A small waiting job whose producer did not sample it: what its hash holds, and how Redis stores it.
  const waiting = await queue.getWaiting(0, JOBS);
  const unsampled = waiting.find((job) => !/-01"}$/.test(job.opts.telemetry?.metadata ?? ''));
  const key = `bull:${name}:${unsampled?.id}`;
  const encoding = await redis.call('OBJECT', 'ENCODING', key);
  const bytes = await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');

  const worker = new Worker(name, async () => 'done', { connection, telemetry, concurrency: 20 });
  await new Promise<void>((resolve) => {
    let done = 0;
    worker.on('completed', () => ++done === JOBS && resolve());
  });
  const processed = exporter.getFinishedSpans().filter((span) => span.name === `process ${name}`).length;

  console.log(`${mode.padEnd(9)} traced jobs: ${String(processed).padStart(3)} of ${JOBS}   unsampled job metadata: ${JSON.stringify(unsampled?.opts.telemetry?.metadata)}`);
  console.log(`${''.padEnd(9)} its job hash: ${String(encoding)}, ${String(bytes)} bytes`);

  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await provider.shutdown();
}

async function main(): Promise<void> {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const external = process.env.REDIS_URL;
  const embedded = external ? undefined : await startEmbeddedRedis();
  const url = new URL(external ?? `redis://${embedded!.host}:${embedded!.port}`);
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const redis = new Redis(connection);
  try {
    for (const mode of ['propagate', 'lean'] as const) await runMode(mode, connection, redis);
  } finally {
    redis.disconnect();
    await embedded?.stop();
  }
  console.log('\nBoth trace about one job in ten. With lean, the other nine carry only the decision ("0"),');
  console.log('stay in Redis\' compact listpack encoding, and run without a trace context (see docs/sampling.md).');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
