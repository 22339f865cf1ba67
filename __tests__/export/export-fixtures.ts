import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { MetricsRegistry } from '../../src/exemplars/registry';
import type { OtlpReceiver } from '../support/otlp-receiver';

/** `count` real finished SDK spans named `${prefix}-0`, `${prefix}-1`... */
export async function makeSpans(count: number, prefix = 's'): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'export-test' }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('export-test');
  for (let i = 0; i < count; i += 1) tracer.startSpan(`${prefix}-${i}`).end();
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

/** The real OTLP/HTTP exporter aimed at `receiver`, with its own (internal retry) deadline. */
export function otlpTo(receiver: OtlpReceiver, timeoutMillis: number): OTLPTraceExporter {
  return new OTLPTraceExporter({ url: `http://127.0.0.1:${receiver.port}/v1/traces`, timeoutMillis });
}

/** Hands `spans` to `exporter.export` and returns how long the call took and what it reported. */
export function timedExport(
  exporter: { export: OTLPTraceExporter['export'] },
  spans: ReadableSpan[],
): { millis: number; code: number | undefined } {
  let code: number | undefined;
  const started = performance.now();
  exporter.export(spans, (result) => { code = result.code; });
  return { millis: performance.now() - started, code };
}

/** Sum of a counter's samples in `registry`, optionally only those whose labels include `labels`. */
export async function counterValue(registry: MetricsRegistry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const values = (metric?.values ?? []) as Array<{ value: number; labels: Record<string, string | number> }>;
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}
