import { randomUUID } from 'node:crypto';
import type { Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

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
