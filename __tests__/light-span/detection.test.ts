import { inspect } from 'node:util';
import { INVALID_SPAN_CONTEXT, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { FAST_PATH_ENV, LightSpan, lightSpanHost } from '../../src/light-span';
import { attributePolicy } from '../../src/telemetry/attribute-policy';
import { startPolicySpan } from '../../src/telemetry/policy-span';
import { resetGlobals } from '../support/tracing';
import { testPath } from './paths';

const policy = attributePolicy(false);

function start(tracer: Tracer, parent = ROOT_CONTEXT): Span {
  const span = startPolicySpan(tracer, policy, { operation: 'process', queue: 'q', kind: SpanKind.CONSUMER, attributes: { a: 1 }, startTime: Date.now() }, parent);
  span.end();
  return span;
}

afterEach(() => {
  delete process.env[FAST_PATH_ENV];
  resetGlobals();
});

test("the SDK's tracer takes the light path, sdk-trace-node's too", () => {
  const path = testPath(false);
  expect(start(path.provider.getTracer('t'))).toBeInstanceOf(LightSpan);
  expect(path.exporter.getFinishedSpans()[0]).toBeInstanceOf(LightSpan);
  expect(lightSpanHost(new NodeTracerProvider().getTracer('node'))).toBeDefined();
});

test('a tracer that offers only the public API is used through it', () => {
  const path = testPath(true);
  const span = start(path.provider.getTracer('t'));
  expect(span).not.toBeInstanceOf(LightSpan);
  expect(span.isRecording()).toBe(false);
  // Recorded all the same, by the SDK's own span.
  const [exported] = path.exporter.getFinishedSpans();
  expect(exported).not.toBeInstanceOf(LightSpan);
  expect(exported!.attributes).toMatchObject({ a: 1 });
});

test("a parent context with tracing suppressed gets the SDK's own answer: no span, no sampler call, no ids", () => {
  const path = testPath(false);
  const tracer = path.provider.getTracer('t');
  // The tracer itself is detected: it is the suppression that sends the span through the public API.
  expect(lightSpanHost(tracer)).toBeDefined();
  const span = start(tracer, suppressTracing(ROOT_CONTEXT));
  expect(span.spanContext()).toEqual(INVALID_SPAN_CONTEXT);
  expect(path.sampler.calls).toEqual([]);
  expect(path.processor.calls).toEqual([]);
  // The next span takes the first ids, as it does after a suppressed span of the SDK's.
  expect(start(tracer).spanContext().spanId).toBe('0000000000000001');
});

test(`${FAST_PATH_ENV}=off sends the spans of tracers first seen after it was set through the public API`, () => {
  process.env[FAST_PATH_ENV] = 'off';
  const off = testPath(false);
  expect(start(off.provider.getTracer('t'))).not.toBeInstanceOf(LightSpan);
  expect(off.exporter.getFinishedSpans()).toHaveLength(1);
  process.env[FAST_PATH_ENV] = 'on';
  expect(start(testPath(false).provider.getTracer('t'))).toBeInstanceOf(LightSpan);
});

test("the global provider's ProxyTracer is looked through to the SDK tracer it delegates to, once there is one", () => {
  const proxy = trace.getTracer('early');
  expect(lightSpanHost(proxy)).toBeUndefined();
  expect(start(proxy).isRecording()).toBe(false);
  const path = testPath(false);
  trace.setGlobalTracerProvider(path.sdk);
  expect(start(proxy)).toBeInstanceOf(LightSpan);
  expect(path.exporter.getFinishedSpans()).toHaveLength(1);
});

test('a tracer whose startSpan was replaced, or a subclass of the SDK tracer, keeps the public API', () => {
  const path = testPath(false);
  const patched = path.provider.getTracer('patched');
  const original = patched.startSpan.bind(patched);
  let calls = 0;
  patched.startSpan = (...args) => {
    calls++;
    return original(...args);
  };
  expect(start(patched)).not.toBeInstanceOf(LightSpan);
  expect(calls).toBe(1);
  const base = path.provider.getTracer('base');
  class OwnTracer extends (base.constructor as new (...args: unknown[]) => Tracer) {}
  const sub = Object.assign(Object.create(OwnTracer.prototype) as Tracer, base);
  expect(lightSpanHost(sub)).toBeUndefined();
});

test.each([
  ['_sampler', {}],
  ['_idGenerator', { generateTraceId: () => 'x' }],
  ['_spanProcessor', { onStart: () => undefined }],
  ['_spanLimits', { attributeCountLimit: '3' }],
  ['_resource', undefined],
  ['instrumentationScope', { version: '1' }],
  ['_tracerMetrics', undefined],
])('a tracer whose %s is missing or of another shape is not taken for the SDK one', (field, value) => {
  const tracer = new BasicTracerProvider().getTracer(`broken ${field}`);
  (tracer as unknown as Record<string, unknown>)[field] = value;
  expect(lightSpanHost(tracer)).toBeUndefined();
  // A sound one of the same provider is.
  expect(lightSpanHost(new BasicTracerProvider().getTracer('sound'))).toBeDefined();
});

test("the tracer's span metrics are skipped only when both counters are the API's no-op ones", () => {
  expect(lightSpanHost(new BasicTracerProvider().getTracer('no meter'))!.metrics).toBeUndefined();
  const meterProvider = new MeterProvider();
  expect(lightSpanHost(new BasicTracerProvider({ meterProvider }).getTracer('metered'))!.metrics).toBeDefined();
});

test('console.log of a light span shows the span, not the processors and exporters it reaches', () => {
  const path = testPath(false);
  const span = start(path.provider.getTracer('t'));
  const shown = inspect(span, { depth: 4 });
  expect(shown).toContain("name: 'process q'");
  expect(shown).not.toContain('MultiSpanProcessor');
  expect(shown).not.toContain('_finishedSpans');
});
