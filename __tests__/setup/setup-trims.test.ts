import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { TracingHealthMetrics } from '../../src/health';
import { setupTracing } from '../../src/setup';
import type { SetupTracingOptions } from '../../src/setup';
import { counterValue } from '../export/export-fixtures';
import { resetGlobals } from '../support/tracing';

// TraceLimits promised data beyond the limits is "trimmed or dropped and counted"; setupTracing's processor was given
// neither the value length limit nor the health metrics' trim counter, so cut values and dropped events went uncounted.

afterEach(() => resetGlobals());

const TRIMMED = 'queue_otel_span_data_trimmed_total';

/** One span through setupTracing with a 50-character value and 5 events; the exported span and the health metrics. */
async function traceOneSpan(options: SetupTracingOptions): Promise<{ span: ReadableSpan | undefined; health: TracingHealthMetrics }> {
  const exported = new InMemorySpanExporter();
  const health = new TracingHealthMetrics();
  const tracing = setupTracing({ exporter: exported, healthMetrics: health, sanitize: false, logger: () => undefined, ...options });
  try {
    expect(tracing.enabled).toBe(true);
    const span = trace.getTracer('trims').startSpan('big');
    span.setAttribute('note', 'x'.repeat(50));
    span.setAttribute('short', 'ok');
    for (let i = 0; i < 5; i++) span.addEvent(`step ${i}`);
    span.end();
    await tracing.forceFlush();
    // Read before shutdown, which empties the in-memory exporter.
    expect(exported.getFinishedSpans()).toHaveLength(1);
    return { span: exported.getFinishedSpans()[0], health };
  } finally {
    await tracing.shutdown();
  }
}

test('setupTracing counts values cut to limits.attributeValueLength and events beyond limits.eventsPerSpan', async () => {
  const { span, health } = await traceOneSpan({ env: {}, limits: { attributeValueLength: 10, eventsPerSpan: 2 } });
  expect(span?.attributes.note).toBe('x'.repeat(10));
  expect(span?.events).toHaveLength(2);
  expect(await counterValue(health.registry, TRIMMED, { kind: 'attribute_values' })).toBe(1);
  expect(await counterValue(health.registry, TRIMMED, { kind: 'events' })).toBe(3);
  expect(await counterValue(health.registry, TRIMMED, { kind: 'attributes' })).toBe(0);
});

test('the value length limit counted is the resolved one, from OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT when limits sets none', async () => {
  const { span, health } = await traceOneSpan({ env: { OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: '8' } });
  expect(span?.attributes.note).toBe('x'.repeat(8));
  expect(await counterValue(health.registry, TRIMMED, { kind: 'attribute_values' })).toBe(1);
  expect(await counterValue(health.registry, TRIMMED, { kind: 'events' })).toBe(0);
});
