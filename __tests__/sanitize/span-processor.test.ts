import { ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Link } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Sanitizer, SanitizingSpanExporter, SanitizingSpanProcessor } from '../../src/sanitize';

function setup(wrap: 'processor' | 'exporter') {
  const memory = new InMemorySpanExporter();
  const sanitizer = new Sanitizer();
  const processor =
    wrap === 'processor'
      ? new SanitizingSpanProcessor(new SimpleSpanProcessor(memory), sanitizer)
      : new SimpleSpanProcessor(new SanitizingSpanExporter(memory, sanitizer));
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  return { memory, sanitizer, provider, tracer: provider.getTracer('test') };
}

describe.each(['processor', 'exporter'] as const)('through a real tracer provider (%s)', (wrap) => {
  test('span, event and link attributes, exceptions, status and name are sanitized before export', async () => {
    const { memory, sanitizer, provider, tracer } = setup(wrap);
    const other = tracer.startSpan('other');
    other.end();
    const link: Link = { context: other.spanContext(), attributes: { 'messaging.message.id': '7', 'app.owner': 'x' } };
    const span = tracer.startSpan('process emails for jane@example.com', { links: [link] });
    span.setAttributes({
      'bullmq.queue.name': 'emails',
      'bullmq.job.id': '42',
      'bullmq.job.name': 'send-welcome',
      'bullmq.job.result': '{"sentTo":"jane@example.com"}',
      'bullmq.job.failed.reason': 'mailbox jane@example.com full',
      'app.customer.email': 'jane@example.com',
    });
    span.addEvent('job completed', { 'bullmq.job.result': '{"card":"4111111111111111"}' });
    span.recordException(new Error('card 4111 1111 1111 1111 declined for jane@example.com'));
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'failed for jane@example.com' });
    span.end();
    await provider.forceFlush();

    const exported = memory.getFinishedSpans().find((s) => s.name.startsWith('process'));
    if (exported === undefined) throw new Error('span not exported');
    const wire = JSON.stringify({
      name: exported.name,
      attributes: exported.attributes,
      // Without event times: a timestamp's digits may contain "4111" by chance.
      events: exported.events.map((e) => ({ name: e.name, attributes: e.attributes })),
      links: exported.links.map((l) => l.attributes),
      status: exported.status,
    });
    expect(wire).not.toContain('jane@example.com');
    expect(wire).not.toContain('4111');
    expect(exported.name).toBe('process emails for [REDACTED:email]');
    expect(exported.attributes).toMatchObject({ 'bullmq.queue.name': 'emails', 'bullmq.job.id': '42', 'bullmq.job.name': 'send-welcome' });
    expect(exported.attributes['bullmq.job.result']).toMatch(/^\[PAYLOAD size=\d+B/);
    expect(exported.attributes['app.customer.email']).toBeUndefined();
    expect(exported.droppedAttributesCount).toBe(1);
    const exception = exported.events.find((e) => e.name === 'exception');
    expect(exception?.attributes?.['exception.message']).toBe('card [REDACTED:paymentCard] declined for [REDACTED:email]');
    expect(String(exception?.attributes?.['exception.stacktrace'])).toContain('[REDACTED:paymentCard]');
    expect(exported.links[0]?.attributes).toEqual({ 'messaging.message.id': '7' });
    expect(exported.links[0]?.droppedAttributesCount).toBe(1);
    expect(exported.status).toEqual({ code: SpanStatusCode.ERROR, message: 'failed for [REDACTED:email]' });
    // Identity and timing are the original span's.
    expect(exported.spanContext().spanId).toBe(span.spanContext().spanId);
    expect(exported.parentSpanContext).toBeUndefined();
    expect(Object.isFrozen(exported)).toBe(true);
    expect(sanitizer.stats().droppedBlocked).toBe(1);
    await provider.shutdown();
  });

  test('parent span context survives', async () => {
    const { memory, provider, tracer } = setup(wrap);
    const parent = tracer.startSpan('parent');
    const child = tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, parent));
    child.end();
    parent.end();
    await provider.forceFlush();
    const exported = memory.getFinishedSpans().find((s) => s.name === 'child');
    expect(exported?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    await provider.shutdown();
  });
});

test('a span that cannot be sanitized is withheld and counted, never exported raw', () => {
  const memory = new InMemorySpanExporter();
  const processor = new SanitizingSpanProcessor(new SimpleSpanProcessor(memory));
  const broken = { name: 'x', get attributes(): never { throw new Error('boom'); } } as never;
  processor.onEnd(broken);
  expect(memory.getFinishedSpans()).toHaveLength(0);
  expect(processor.sanitizer.stats().spansDropped).toBe(1);
});
