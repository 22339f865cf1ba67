import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { TracingHealthMetrics } from '../../src/health';
import { setupTracing } from '../../src/setup';

test('setupTracing enforces spans per trace and attribute length, and counts what it dropped', async () => {
  const exporter = new InMemorySpanExporter();
  const healthMetrics = new TracingHealthMetrics();
  const tracing = setupTracing({ exporter, healthMetrics, sanitize: false, limits: { spansPerTrace: 3, attributeValueLength: 10 } });
  try {
    const tracer = trace.getTracer('limits');
    tracer.startActiveSpan('root', (root) => {
      for (let i = 0; i < 4; i++) tracer.startSpan(`child ${i}`).setAttribute('note', 'x'.repeat(50)).end();
      root.end();
    });
    await tracing.forceFlush();
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(3);
    expect(spans[0]!.attributes.note).toBe('x'.repeat(10));
    const text = await healthMetrics.registry.metrics();
    expect(text).toMatch(/queue_otel_spans_dropped_total\{reason="[a-z_]*trace[a-z_]*"\} 2/);
    expect(tracing.exportStats()).toMatchObject({ exported: 3 });
  } finally {
    await tracing.shutdown();
  }
});
