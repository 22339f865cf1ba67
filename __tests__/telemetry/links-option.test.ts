import type { Context, Span, SpanOptions, Tracer, TracerProvider } from '@opentelemetry/api';
import { Queue, Worker } from 'bullmq';
import { QueueOtel } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, spansNamed, waitFor } from '../support/tracing';

const { provider, exporter } = createTestTracing();
const connection = redisConnection();

/** A tracer of the public API only (not the SDK's, so QueueOtel goes through `startSpan`), noting every `links` option. */
function notingTracerProvider(seen: (SpanOptions['links'] | 'absent')[]): TracerProvider {
  const inner = provider.getTracer('links-option');
  const tracer = {
    startSpan(name: string, options: SpanOptions = {}, ctx?: Context): Span {
      seen.push('links' in options ? options.links : 'absent');
      return inner.startSpan(name, options, ctx);
    },
    startActiveSpan: inner.startActiveSpan.bind(inner),
  } as Tracer;
  return { getTracer: () => tracer };
}

test('a tracer behind the public API is handed links of its own, never a shared array: none for a span without links', async () => {
  const seen: (SpanOptions['links'] | 'absent')[] = [];
  const telemetry = new QueueOtel({ tracerProvider: notingTracerProvider(seen) });
  const name = uniqueQueueName('links-option');
  const queue = new Queue(name, { connection, telemetry });
  const worker = new Worker(name, async () => 'done', { connection, telemetry });
  try {
    await queue.add('welcome', {});
    const process = await waitFor('the process span', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
    // The send and the wait span have no links; the process span links to the job's creation context.
    expect(seen.filter((links) => links === 'absent').length).toBeGreaterThanOrEqual(2);
    const given = seen.filter((links) => links !== 'absent');
    expect(given.length).toBeGreaterThanOrEqual(1);
    for (const links of given) {
      expect(Array.isArray(links) && links.length > 0).toBe(true);
      expect(Object.isFrozen(links)).toBe(false);
    }
    expect(process.links).toHaveLength(1);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
});
