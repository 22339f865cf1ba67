/**
 * Live data for the end-to-end tests: a producer that enqueues a job every few hundred milliseconds inside a
 * `POST /checkout` span, and a worker that fails the `charge-card` ones and completes the others, traced by a
 * real QueueOtel into a real RedisSpanExporter. Failed jobs beyond `keepFailed` are removed by BullMQ, so rows
 * arrive at the top of the failed list and leave at its bottom while a test looks at it.
 */
import { randomUUID } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Queue, Worker } from 'bullmq';
import { QueueOtel } from 'queue-otel';
import { RedisSpanExporter } from 'queue-otel/store';
import { redisConnection, redisUrl } from '../../../__tests__/support/redis';

/** Where the traffic goes, and how to stop it. */
export interface LiveTraffic {
  redisUrl: string;
  bullPrefix: string;
  keyPrefix: string;
  /** Jobs added so far. */
  added(): number;
  stop(): Promise<void>;
}

/** Starts the traffic on queue `orders` under fresh prefixes. */
export async function startLiveTraffic(options: { intervalMs?: number; keepFailed?: number } = {}): Promise<LiveTraffic> {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const id = randomUUID().slice(0, 8);
  const bullPrefix = `live${id}`;
  const keyPrefix = `qolive${id}`;
  const exporter = new RedisSpanExporter({ connection: redisUrl(), keyPrefix });
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const connection = redisConnection();
  const queue = new Queue('orders', { connection, telemetry, prefix: bullPrefix });
  const worker = new Worker('orders', async (job) => {
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30));
    if (job.name === 'charge-card') {
      const error = new Error(`card declined for order ${String((job.data as { order?: unknown }).order)}`);
      error.name = 'PaymentDeclinedError';
      throw error;
    }
    return 'ok';
  }, { connection, telemetry, prefix: bullPrefix, concurrency: 2 });
  worker.on('error', () => undefined);
  const tracer = provider.getTracer('live-e2e');
  let order = 0;
  const add = async (): Promise<void> => {
    order += 1;
    const n = order;
    await tracer.startActiveSpan('POST /checkout', async (span) => {
      try {
        // Two failing jobs for one that completes: the failed list moves fast.
        await queue.add(n % 3 === 0 ? 'send-receipt' : 'charge-card', { order: n }, { removeOnFail: { count: options.keepFailed ?? 30 }, removeOnComplete: 200 });
      } finally {
        span.end();
      }
    });
  };
  // A first batch so the lists have rows when the UI opens.
  for (let i = 0; i < 9; i += 1) await add();
  const timer = setInterval(() => void add().catch(() => undefined), options.intervalMs ?? 400);
  return {
    redisUrl: redisUrl(),
    bullPrefix,
    keyPrefix,
    added: () => order,
    stop: async () => {
      clearInterval(timer);
      await worker.close();
      await queue.close();
      await provider.forceFlush();
      await provider.shutdown();
      trace.disable();
    },
  };
}
