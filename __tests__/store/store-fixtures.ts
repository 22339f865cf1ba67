import { randomUUID } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** A real SDK pipeline ending in `exporter`. */
export interface TestTracing {
  tracer: Tracer;
  provider: BasicTracerProvider;
}

/** A provider with one processor (simple: export per span; batch: export on flush) around `exporter`. */
export function tracingInto(exporter: SpanExporter, processor: 'simple' | 'batch' = 'simple', serviceName = 'store-test'): TestTracing {
  const spanProcessor = processor === 'simple'
    ? new SimpleSpanProcessor(exporter)
    : new BatchSpanProcessor(exporter, { maxExportBatchSize: 512, scheduledDelayMillis: 60_000 });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [spanProcessor],
  });
  return { tracer: provider.getTracer('store-test-scope', '1.2.3'), provider };
}

/** A key prefix no other test uses, so tests can share one Redis. */
export function uniquePrefix(): string {
  return `qot-${randomUUID().slice(0, 8)}`;
}

/**
 * `count` finished SDK spans of one trace per `perTrace` spans, each naming a job of `queue` (job ids
 * `${jobPrefix}-<n>`), as a BatchSpanProcessor would hand them to an exporter.
 */
export async function jobSpans(count: number, { perTrace = 1, jobPrefix = 'job', queue = 'mail' } = {}): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] });
  const tracer = provider.getTracer('store-test');
  let root: Span | undefined;
  for (let i = 0; i < count; i += 1) {
    const attributes = { 'messaging.destination.name': queue, 'bullmq.job.id': `${jobPrefix}-${i}`, 'bullmq.job.name': 'welcome' };
    if (i % perTrace === 0) {
      root?.end();
      root = tracer.startSpan(`send mail ${i}`, { attributes });
      continue;
    }
    tracer.startSpan(`process mail ${i}`, { attributes }, trace.setSpan(context.active(), root!)).end();
  }
  root?.end();
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

/** Retries `attempt` until it returns true, failing with `what` after `timeoutMs`. */
export async function eventually(what: string, attempt: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await attempt())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
