import { context, createContextKey, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { QueueSampler } from '../src/sampling';
import { queueSamplerClass } from './library';

/** An exporter that throws spans away and only counts them: the "no-op exporter" of the benchmark. */
export class CountingExporter implements SpanExporter {
  spans = 0;
  constructor(private readonly inner?: SpanExporter) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.spans += spans.length;
    if (this.inner) this.inner.export(spans, done);
    else done({ code: ExportResultCode.SUCCESS });
  }
  async forceFlush(): Promise<void> {
    await this.inner?.forceFlush?.();
  }
  async shutdown(): Promise<void> {
    await this.inner?.shutdown();
  }
}

/** The SDK every traced mode shares: the same provider, processor settings, propagator and context manager. */
export interface BenchSdk {
  provider: BasicTracerProvider;
  exporter: CountingExporter;
  sampler: QueueSampler;
}

/**
 * Registers a real SDK globally (bullmq-otel only uses the globals). The batch processor's queue is
 * large enough that no span is dropped at 20k jobs: a processor that drops spans would make a mode look
 * cheaper than it is.
 */
export function startSdk(rate: number, inner?: SpanExporter, register = true): BenchSdk {
  const sampler = new (queueSamplerClass())({ default: rate });
  const exporter = new CountingExporter(inner);
  const processor = new BatchSpanProcessor(exporter, {
    maxQueueSize: 200_000,
    maxExportBatchSize: 512,
    scheduledDelayMillis: 200,
  });
  const provider = new BasicTracerProvider({ sampler, spanProcessors: [processor] });
  // The globals can be set once per process; a second SDK in the same process is used directly.
  if (register) {
    trace.setGlobalTracerProvider(provider);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  }
  return { provider, exporter, sampler };
}

/**
 * Enters an OpenTelemetry context once, as any application with instrumentation has long before jobs
 * run: from then on Node tracks async context for every promise (the `none-als` mode).
 */
export function switchOnContextTracking(): void {
  context.with(ROOT_CONTEXT.setValue(createContextKey('bench'), true), () => undefined);
}
