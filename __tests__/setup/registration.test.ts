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
    // A timer hop is the thing under test (the context must survive a macrotask), not a wait for some state.
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
  handle = setupTracing({ protocol: 'grpc', headers: { 'x-ok': 'yes', 'bad!key': 's3cret' }, env: {}, logger: (m) => warnings.push(m) });
  expect(handle).toMatchObject({ enabled: true, protocol: 'grpc', endpoint: 'http://localhost:4317' });
  expect(warnings).toEqual([expect.stringMatching(/^queue-otel\/setup: header "bad!key" is not valid gRPC metadata .*; ignored$/)]);
  expect(warnings.join('')).not.toContain('s3cret');
});

test('the sampler reads OTEL_TRACES_SAMPLER(_ARG) from the env option, not from process.env', () => {
  const previous = process.env.OTEL_TRACES_SAMPLER;
  process.env.OTEL_TRACES_SAMPLER = 'always_on';
  try {
    handle = setupTracing({ exporter: new InMemorySpanExporter(), env: { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.2' } });
    expect(handle.sampler.rates().default).toBe(0.2);
  } finally {
    if (previous === undefined) delete process.env.OTEL_TRACES_SAMPLER;
    else process.env.OTEL_TRACES_SAMPLER = previous;
  }
});

test('a rate in code wins over OTEL_TRACES_SAMPLER, which is then not read at all', () => {
  const warnings: string[] = [];
  handle = setupTracing({ exporter: new InMemorySpanExporter(), sampling: { default: 0.3 }, env: { OTEL_TRACES_SAMPLER: 'bogus' }, logger: (m) => warnings.push(m) });
  expect(handle.sampler.rates().default).toBe(0.3);
  expect(warnings).toEqual([]);
});

test('a default rate given as null is refused, not read as unset (which sampled by OTEL_TRACES_SAMPLER, else every trace)', () => {
  const build = (): TracingHandle =>
    setupTracing({ exporter: new InMemorySpanExporter(), sampling: { default: null as unknown as number }, env: { OTEL_TRACES_SAMPLER: 'always_on' } });
  expect(build).toThrow('sampling rate for default must be a number from 0 to 1, got null');
});

test('unusable sampler and span limit variables are reported through the logger, naming variable and value, and read as the specification says', async () => {
  const warnings: string[] = [];
  const exporter = new InMemorySpanExporter();
  handle = setupTracing({
    exporter,
    sanitize: false,
    env: { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: 'half', OTEL_SPAN_EVENT_COUNT_LIMIT: '-3', OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: '12' },
    logger: (m) => warnings.push(m),
  });
  expect(warnings).toEqual([
    'queue-otel/setup: OTEL_TRACES_SAMPLER_ARG="half" is not a number from 0 to 1; sampling every trace, as the specification says',
    'queue-otel/setup: OTEL_SPAN_EVENT_COUNT_LIMIT="-3" is not a whole number >= 0; using the default 128',
  ]);
  expect(handle.sampler.rates().default).toBe(1);
  // The usable variable still applies, and the unusable one left its limit at the default (128 events).
  const span = trace.getTracer('limits').startSpan('limited', { attributes: { long: 'x'.repeat(40) } });
  for (let i = 0; i < 130; i += 1) span.addEvent(`event ${i}`);
  span.end();
  await handle.forceFlush();
  const [finished] = exporter.getFinishedSpans();
  expect(finished?.attributes.long).toBe('x'.repeat(12));
  expect(finished?.events).toHaveLength(128);
});

test('an unknown or unsupported OTEL_TRACES_SAMPLER is reported and every trace is sampled', () => {
  const warnings: string[] = [];
  handle = setupTracing({ exporter: new InMemorySpanExporter(), env: { OTEL_TRACES_SAMPLER: 'xray' }, logger: (m) => warnings.push(m) });
  expect(handle.sampler.rates().default).toBe(1);
  expect(warnings).toEqual([expect.stringMatching(/^queue-otel\/setup: OTEL_TRACES_SAMPLER="xray" is not provided by QueueSampler \(it reads always_on, .*\); ignored$/)]);
});
