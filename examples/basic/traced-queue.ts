/**
 * The smallest traced BullMQ setup: a queue and a worker with QueueOtel, an embedded Redis, and spans
 * printed to the console. Run it with `npm run example`.
 */
import { trace } from '@opentelemetry/api';
import { BatchSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Queue, Worker } from 'bullmq';
import { QueueOtel } from 'queue-otel';
// A throwaway Redis for the example; an application passes its own connection instead.
import { startEmbeddedRedis } from 'queue-otel-cli/dev';

async function main(): Promise<void> {
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new ConsoleSpanExporter())] });
  provider.register();

  const redis = await startEmbeddedRedis();
  const connection = { host: redis.host, port: redis.port, maxRetriesPerRequest: null };
  const telemetry = new QueueOtel();

  const queue = new Queue('emails', { connection, telemetry });
  const worker = new Worker(
    'emails',
    async (job) => {
      if (job.data.to === 'nobody') throw new TypeError('no recipient');
      return `sent to ${job.data.to}`;
    },
    { connection, telemetry },
  );

  // The application's own span: the jobs it enqueues, and their processing, join its trace.
  await trace.getTracer('example').startActiveSpan('POST /signup', async (span) => {
    await queue.add('welcome', { to: 'ada@example.com' });
    await queue.add('welcome', { to: 'nobody' });
    span.end();
  });

  let settled = 0;
  await new Promise<void>((resolve) => {
    const done = () => ++settled === 2 && resolve();
    worker.on('completed', done);
    worker.on('failed', done);
  });

  await worker.close();
  await queue.close();
  await provider.shutdown();
  await redis.stop();
  console.log('\nThe spans above share one trace id: POST /signup -> add emails -> wait/process emails.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
