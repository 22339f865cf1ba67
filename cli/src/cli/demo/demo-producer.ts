/**
 * The demo producer process: every few hundred milliseconds an application span ("POST /checkout") that
 * enqueues a mix of fast, slow, failing and retried jobs, and now and then a flow.
 */
import { trace } from '@opentelemetry/api';
import { FlowProducer, Queue } from 'bullmq';
import { QueueOtel } from 'queue-otel';
import { setupTracing } from 'queue-otel/setup';
import { RedisSpanExporter } from 'queue-otel/store';
import { demoPrefixesOf } from './child-processes';
import { demoRedisOptions } from './demo-connection';
import { stopOnSignals } from './stop-signals';

const KINDS = [
  { queue: 'emails', name: 'send-receipt', opts: {} },
  { queue: 'orders', name: 'render-invoice', opts: {} },
  { queue: 'orders', name: 'charge-card', opts: { attempts: 2, backoff: { type: 'fixed', delay: 300 } } },
  { queue: 'emails', name: 'sync-crm', opts: { attempts: 3, backoff: { type: 'fixed', delay: 400 } } },
] as const;

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  // The URL and TLS files the demo's UI connects with (QUEUE_OTEL_REDIS_TLS_*, inherited), for the queues, the
  // workers and the span exporter alike.
  const redisOptions = demoRedisOptions(redisUrl, process.env);
  const { bullPrefix: prefix, keyPrefix } = demoPrefixesOf(process.env);
  const tracing = setupTracing({ serviceName: 'demo-producer', exporter: new RedisSpanExporter({ connection: redisOptions, keyPrefix }) });
  const telemetry = new QueueOtel();
  const connection = { ...redisOptions, maxRetriesPerRequest: null };
  const queues = { orders: new Queue('orders', { connection, prefix, telemetry }), emails: new Queue('emails', { connection, prefix, telemetry }) };
  const flows = new FlowProducer({ connection, prefix, telemetry });
  const tracer = trace.getTracer('queue-otel-demo');
  const intervalMs = Number(process.env.DEMO_INTERVAL_MS ?? 700);
  let order = 1000;

  const checkout = async (): Promise<void> => {
    order += 1;
    await tracer.startActiveSpan('POST /checkout', async (span) => {
      try {
        span.setAttribute('order.id', order);
        if (order % 5 === 0) {
          await flows.add({
            name: 'ship-order', queueName: 'orders', data: { order },
            children: [
              { name: 'reserve-stock', queueName: 'orders', data: { order } },
              { name: 'send-receipt', queueName: 'emails', data: { order } },
            ],
          });
        } else {
          const kind = KINDS[order % KINDS.length] ?? KINDS[0];
          await queues[kind.queue].add(kind.name, { order }, { ...kind.opts, removeOnComplete: 500, removeOnFail: 500 });
        }
      } finally {
        span.end();
      }
    });
  };
  const timer = setInterval(() => void checkout().catch(() => undefined), intervalMs);
  process.send?.({ type: 'ready', name: 'producer' });

  stopOnSignals(async () => {
    clearInterval(timer);
    await Promise.allSettled([queues.orders.close(), queues.emails.close(), flows.close()]);
    await tracing.shutdown();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
