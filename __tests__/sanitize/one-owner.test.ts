import { Queue, Worker } from 'bullmq';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { defaultSanitizer, QueueOtel, QUEUE_OTEL_SCOPE_NAME, SanitizingSpanExporter, SanitizingSpanProcessor } from '../../src';
import type { SanitizerStats } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, waitFor } from '../support/tracing';

createTestTracing();
const connection = redisConnection();

/** Attributes the sanitizer left on exported spans: span, event and link attributes alike. */
function keptAttributes(spans: ReadableSpan[]): number {
  let n = 0;
  for (const span of spans) {
    n += Object.keys(span.attributes).length;
    for (const event of span.events) n += Object.keys(event.attributes ?? {}).length;
    for (const link of span.links) n += Object.keys(link.attributes ?? {}).length;
  }
  return n;
}

function droppedAttributes(stats: SanitizerStats): number {
  return stats.droppedNotAllowed + stats.droppedBlocked + stats.droppedPiiKey + stats.droppedLongKey + stats.droppedByRedactor;
}

/** One traced job through QueueOtel with its defaults, and one application span, into `provider`. */
async function traceOneJobAndAnAppSpan(provider: BasicTracerProvider): Promise<void> {
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const name = uniqueQueueName('one-owner');
  const queue = new Queue(name, { connection, telemetry });
  let done = false;
  const worker = new Worker(name, async () => 'ok', { connection, telemetry });
  worker.on('completed', () => (done = true));
  try {
    await queue.add('welcome', { to: 'someone' });
    await waitFor('the job', () => done);
    const app = provider.getTracer('app').startSpan('GET /signup');
    app.setAttributes({ 'url.full': 'https://example.com/signup?email=jane@example.com', 'app.customer': 'jane', 'user.email': 'jane@example.com' });
    app.end();
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
  await provider.forceFlush();
}

describe.each(['processor', 'exporter'] as const)('with the defaults, one owner sanitizes each span once (%s)', (wrap) => {
  test('QueueOtel sanitizes its spans at the source, the wrapper only the application\'s, on one shared sanitizer', async () => {
    const memory = new InMemorySpanExporter();
    const sanitizing =
      wrap === 'processor' ? new SanitizingSpanProcessor(new SimpleSpanProcessor(memory)) : new SimpleSpanProcessor(new SanitizingSpanExporter(memory));
    const provider = new BasicTracerProvider({ spanProcessors: [sanitizing] });
    defaultSanitizer().resetStats();

    await traceOneJobAndAnAppSpan(provider);
    await waitFor('the process span', () => memory.getFinishedSpans().some((s) => s.name.startsWith('process ')));
    const spans = memory.getFinishedSpans();
    const ours = spans.filter((s) => s.instrumentationScope.name === QUEUE_OTEL_SCOPE_NAME);
    expect(ours.map((s) => s.name.split(' ')[0]).sort()).toEqual(expect.arrayContaining(['add', 'process', 'wait']));

    // One set of statistics: every attribute examined once, either exported or dropped.
    const stats = defaultSanitizer().stats();
    expect(stats.attributes).toBeGreaterThan(0);
    expect(stats.attributes).toBe(keptAttributes(spans) + droppedAttributes(stats));

    // The application's span is still sanitized downstream.
    const app = spans.find((s) => s.name === 'GET /signup')!;
    expect(app.attributes['url.full']).toContain('[REDACTED:email]');
    expect(JSON.stringify(app.attributes)).not.toContain('jane');
    expect(app.attributes['user.email']).toBeUndefined();
    expect(app.attributes['app.customer']).toBeUndefined();
  });
});

test('spans of a QueueOtel with sanitize: false are sanitized downstream like any other', async () => {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SanitizingSpanProcessor(new SimpleSpanProcessor(memory))] });
  const telemetry = new QueueOtel({ tracerProvider: provider, sanitize: false });
  const name = uniqueQueueName('raw-source');
  const queue = new Queue(name, { connection, telemetry });
  try {
    await queue.add('mail jane@example.com', {});
    await provider.forceFlush();
    const send = memory.getFinishedSpans().find((s) => s.name.startsWith('add '))!;
    expect(send.attributes['bullmq.job.name']).toBe('mail [REDACTED:email]');
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
});
