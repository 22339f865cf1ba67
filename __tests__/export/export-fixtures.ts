import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { randomUUID } from 'node:crypto';
import type { MetricsRegistry } from '../../src/exemplars/registry';
import { RedisSpanExporter } from '../../src/store';
import type { OtlpReceiver } from '../support/otlp-receiver';
import { redisConnection } from '../support/redis';
import { startRedisProcess } from '../support/redis-process';
import { waitFor } from '../support/tracing';

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

/** Which Redis fallback a degradation test runs with. */
export type FallbackKind = 'no fallback' | 'a Redis fallback' | 'a Redis fallback whose Redis is down';

/** A fallback store for a test, and how to get rid of it (and of its Redis, if the test started one). */
export interface RedisFallback {
  exporter: RedisSpanExporter;
  close(): Promise<void>;
}

/**
 * A `RedisSpanExporter` with `buffer: true` on the shared test Redis, or on a Redis of its own that is
 * stopped once the exporter was connected (the exporter has then seen its Redis go away); none for `no fallback`.
 */
export async function redisFallback(kind: FallbackKind): Promise<RedisFallback | undefined> {
  if (kind === 'no fallback') return undefined;
  const keyPrefix = `qo-fallback-${randomUUID().slice(0, 8)}`;
  if (kind === 'a Redis fallback') {
    const exporter = new RedisSpanExporter({ connection: redisConnection(), keyPrefix, buffer: true });
    return { exporter, close: () => exporter.shutdown() };
  }
  const server = await startRedisProcess();
  // BullMQ-style options (retry forever), as an application sharing its queue settings would pass them.
  const exporter = new RedisSpanExporter({ connection: { ...server.options, maxRetriesPerRequest: null }, keyPrefix, buffer: true });
  await waitFor('the fallback connected', () => exporter.client.status === 'ready');
  await server.stop();
  await waitFor('the fallback noticing its Redis is gone', () => exporter.client.status !== 'ready');
  return { exporter, close: () => exporter.shutdown() };
}
