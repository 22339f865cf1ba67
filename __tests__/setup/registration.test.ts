import { propagation, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { setupTracing, tracerProviderRegistered } from '../../src/setup';
import type { TracingHandle } from '../../src/setup';
import { resetGlobals } from '../support/tracing';

// What setupTracing registers globally, in this process, with an in-memory exporter.
let handle: TracingHandle | undefined;
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
  resetGlobals();
});

test('registers the tracer provider, an async context manager and the W3C propagators', async () => {
  expect(tracerProviderRegistered()).toBe(false);
  const exporter = new InMemorySpanExporter();
  handle = setupTracing({ exporter, sanitize: false, env: {} });
  expect(handle).toMatchObject({ enabled: true, reason: undefined, protocol: undefined, endpoint: undefined });
  expect(tracerProviderRegistered()).toBe(true);
  expect(propagation.fields().sort()).toEqual(['baggage', 'traceparent', 'tracestate']);
  const tracer = trace.getTracer('registration');
  await tracer.startActiveSpan('parent', async (parent) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    tracer.startSpan('child').end(); // the active context survived the await
    parent.end();
  });
  await handle.forceFlush();
  const [child, parent] = exporter.getFinishedSpans();
  expect(child?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
});

test.each([
  ['b3', ['b3']],
  ['b3multi', ['x-b3-flags', 'x-b3-parentspanid', 'x-b3-sampled', 'x-b3-spanid', 'x-b3-traceid']],
  ['tracecontext', ['traceparent', 'tracestate']],
  ['none', []],
])('OTEL_PROPAGATORS=%s', (value, fields) => {
  handle = setupTracing({ exporter: new InMemorySpanExporter(), env: { OTEL_PROPAGATORS: value } });
  expect(propagation.fields().sort()).toEqual(fields);
});

test('an unknown propagator is reported and the others are kept', () => {
  const warnings: string[] = [];
  handle = setupTracing({ exporter: new InMemorySpanExporter(), env: { OTEL_PROPAGATORS: 'xray,tracecontext' }, logger: (m) => warnings.push(m) });
  expect(propagation.fields().sort()).toEqual(['traceparent', 'tracestate']);
  expect(warnings).toEqual([expect.stringMatching(/^queue-otel\/setup: OTEL_PROPAGATORS lists "xray", which is not one of .*; ignored$/)]);
});

test('a provider registered first is detected, left in place, and gets the spans', async () => {
  const exporter = new InMemorySpanExporter();
  const own = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  expect(trace.setGlobalTracerProvider(own)).toBe(true);
  const warnings: string[] = [];
  handle = setupTracing({ exporter: new InMemorySpanExporter(), env: {}, logger: (m) => warnings.push(m) });
  expect(handle).toMatchObject({ enabled: false, reason: 'provider-already-registered', protocol: undefined });
  setupTracing({ env: {}, logger: (m) => warnings.push(m) });
  expect(warnings).toHaveLength(1);
  trace.getTracer('app').startSpan('still recorded').end();
  expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['still recorded']);
  await handle.shutdown(); // a no-op: the application's provider is not ours to stop
  trace.getTracer('app').startSpan('after shutdown').end();
  expect(exporter.getFinishedSpans()).toHaveLength(2);
});

test('setupTracing twice: the second call finds the first one registered and starts nothing', () => {
  const warnings: string[] = [];
  handle = setupTracing({ exporter: new InMemorySpanExporter(), env: {}, logger: (m) => warnings.push(m) });
  const second = setupTracing({ exporter: new InMemorySpanExporter(), env: {}, logger: (m) => warnings.push(m) });
  expect([handle.enabled, second.enabled, second.reason]).toEqual([true, false, 'provider-already-registered']);
  expect(warnings).toHaveLength(1);
});

test('a header gRPC cannot carry as metadata is reported by name and left out; the others are sent', () => {
  const warnings: string[] = [];
  handle = setupTracing({ protocol: 'grpc', headers: { 'x-ok': 'yes', 'bad key': 's3cret' }, env: {}, logger: (m) => warnings.push(m) });
  expect(handle).toMatchObject({ enabled: true, protocol: 'grpc', endpoint: 'http://localhost:4317' });
  expect(warnings).toEqual([expect.stringMatching(/^queue-otel\/setup: header "bad key" is not valid gRPC metadata .*; ignored$/)]);
  expect(warnings.join('')).not.toContain('s3cret');
});
