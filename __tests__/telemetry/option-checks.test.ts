import { InMemorySpanExporter, BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { QueueOtel } from '../../src';
import type { QueueOtelOptions } from '../../src';

// Options a JavaScript caller can get wrong: each is a TypeError at construction naming the option, where before
// some were accepted and did nothing visible (tracing left on, parents dropped) or failed deep inside.
const wrong = (options: Record<string, unknown>) => () => new QueueOtel(options as QueueOtelOptions);

test.each([
  [{ enabled: 'false' }, "queue-otel: enabled must be true or false, got \"false\""],
  [{ queueWaitSpan: 0 }, 'queue-otel: queueWaitSpan must be true or false, got 0'],
  [{ propagation: 'sideways' }, "queue-otel: propagation must be 'child', 'link' or 'none' (or a map of them per queue), got \"sideways\""],
  [{ propagation: null }, "queue-otel: propagation must be 'child', 'link' or 'none' (or a map of them per queue), got null"],
  [{ propagation: { '*': 'child', reports: 'links' } }, "queue-otel: propagation for \"reports\" must be 'child', 'link' or 'none', got \"links\""],
  [{ metadataFormat: 'xml' }, "queue-otel: metadataFormat must be 'json' or 'compact', got \"xml\""],
  [{ unsampledJobs: 'bogus' }, "queue-otel: unsampledJobs must be 'propagate' or 'lean', got \"bogus\""],
  [{ tenantPath: 42 }, 'queue-otel: tenantPath must be a dot path (a string), got 42'],
  [{ tracerName: {} }, 'queue-otel: tracerName must be a string, got {}'],
  [{ logger: 'console' }, 'queue-otel: logger must be a function taking a message'],
  [{ tracerProvider: 'x' }, 'queue-otel: tracerProvider must be an OpenTelemetry TracerProvider (with getTracer())'],
  [{ propagator: 'w3c' }, 'queue-otel: propagator must be an OpenTelemetry TextMapPropagator (with inject(), extract() and fields())'],
])('%j is an error naming the option', (options, message) => {
  expect(wrong(options)).toThrow(new TypeError(message));
});

test.each([
  // Each did nothing before: the option it was meant to be kept its default.
  [{ queue_wait_span: false }, 'queue-otel: "queue_wait_span" is not an option of QueueOtel (did you mean queueWaitSpan?)'],
  [{ propagaton: 'link' }, 'queue-otel: "propagaton" is not an option of QueueOtel (did you mean propagator or propagation?)'],
  [{ Enabled: false }, 'queue-otel: "Enabled" is not an option of QueueOtel (did you mean enabled?)'],
  [
    { serviceName: 'mailer' },
    'queue-otel: "serviceName" is not an option of QueueOtel; the options are tracerProvider, propagator, enabled, propagation, internalSpans, ' +
      'tenantPath, queueWaitSpan, logger, metrics, sanitize, markProcessedJobs, metadataFormat, unsampledJobs, messageBodySize, createSpans, tracerName',
  ],
])('%j, a name that is no option, is an error naming it with the nearest option', (options, message) => {
  expect(wrong(options)).toThrow(new TypeError(message));
});

test('a name given as undefined (a conditional spread, an optional field) is let through', () => {
  expect(wrong({ unused: undefined, enabled: false })).not.toThrow();
});

test('every option of the right type is accepted', () => {
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
  expect(
    () =>
      new QueueOtel({
        enabled: false,
        internalSpans: true,
        queueWaitSpan: false,
        markProcessedJobs: true,
        messageBodySize: true,
        createSpans: true,
        propagation: { '*': 'link', reports: 'none', emails: 'child' },
        metadataFormat: 'compact',
        unsampledJobs: 'propagate',
        tenantPath: 'tenant.id',
        tracerName: 'mine',
        logger: () => undefined,
        tracerProvider: provider,
        propagator: new W3CTraceContextPropagator(),
        sanitize: false,
      }),
  ).not.toThrow();
});
