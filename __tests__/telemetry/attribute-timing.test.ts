import { context } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Queue, Worker } from 'bullmq';
import { QueueOtel } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { spansNamed, waitFor } from '../support/tracing';

/** Keeps the live SDK spans it sees start, so a test can look at them while a job runs. */
class LiveSpans implements SpanProcessor {
  readonly started: Span[] = [];
  onStart(span: Span, _parent: Context): void {
    this.started.push(span);
  }
  onEnd(_span: ReadableSpan): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const SAMPLING_KEYS = [
  'messaging.system',
  'messaging.destination.name',
  'messaging.operation.name',
  'messaging.operation.type',
  'server.address',
  'server.port',
  'bullmq.job.name',
  'bullmq.job.attempt',
];

// The worker hook finds the job's span through the active context, as in any instrumented app.
beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});

test('a running job\'s span holds only the sampling attributes; the rest arrive, filtered, when it ends', async () => {
  const live = new LiveSpans();
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [live, new SimpleSpanProcessor(exporter)] });
  const telemetry = new QueueOtel({ tracerProvider: provider, sanitize: { extraBlockedAttributes: ['bullmq.job.priority'] } });
  const connection = redisConnection();
  const name = uniqueQueueName('attr-timing');
  const queue = new Queue(name, { connection, telemetry });
  const job = await queue.add('welcome', { to: 'x' }, { priority: 2 });

  let whileRunning: string[] = [];
  const worker = new Worker(name, async () => {
    const running = live.started.find((span) => span.name === `process ${name}`);
    whileRunning = Object.keys(running?.attributes ?? {}).sort();
    return 'ok';
  }, { connection, telemetry });
  try {
    const processed = await waitFor('process span', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
    expect(whileRunning).toEqual([...SAMPLING_KEYS].sort());
    expect(processed.attributes).toMatchObject({
      'messaging.message.id': job.id,
      'bullmq.job.id': job.id,
      'bullmq.job.name': 'welcome',
      'bullmq.job.attempt': 1,
      'bullmq.worker.id': expect.any(String) as unknown,
    });
    expect(typeof processed.attributes['bullmq.job.wait_ms']).toBe('number');
    // Set at the end, so still through the attribute policy.
    expect(processed.attributes).not.toHaveProperty(['bullmq.job.priority']);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
});
