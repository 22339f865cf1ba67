import { ROOT_CONTEXT, SamplingDecision, SpanKind } from '@opentelemetry/api';
import type { Attributes, Context, SamplingResult } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { Span } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import type { Sampler, SpanLimits } from '@opentelemetry/sdk-trace-base';
import { LightSpan } from '../../src/light-span';
import { QueueSampler } from '../../src/sampling';
import { attributePolicy } from '../../src/telemetry/attribute-policy';
import type { AttributePolicy } from '../../src/telemetry/attribute-policy';
import { startPolicySpan } from '../../src/telemetry/policy-span';
import { readableFields, testPath } from './paths';
import type { TestPath } from './paths';
import { captureDiag, exportedFields, runScript, T0 } from './span-script';

/** A reader collected on demand. */
class OnDemandReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

interface Run {
  path: TestPath;
  returned: Span[];
  diag: string[];
}

function run(publicApi: boolean, policy: AttributePolicy, options: Parameters<typeof testPath>[1] = {}, extra = {}): Run {
  const path = testPath(publicApi, options);
  const log = captureDiag();
  try {
    const returned = runScript(path.provider.getTracer('conformance', '1.0.0'), policy, extra);
    return { path, returned, diag: log.messages };
  } finally {
    log.stop();
  }
}

/** Runs the script on both paths and checks that everything observable is the same. */
function expectSamePaths(policy: AttributePolicy, options: Parameters<typeof testPath>[1] = {}, extra = {}): Run {
  const fast = run(false, policy, options, extra);
  const api = run(true, policy, options, extra);
  // The paths are the ones meant: LightSpans on one side, the SDK's spans (wrapped) on the other.
  expect(fast.returned.filter((span) => span instanceof LightSpan)).toHaveLength(5);
  expect(api.returned.filter((span) => span instanceof LightSpan)).toHaveLength(0);
  expect(exportedFields(fast.path.exporter.getFinishedSpans())).toStrictEqual(exportedFields(api.path.exporter.getFinishedSpans()));
  expect(fast.path.processor.calls).toStrictEqual(api.path.processor.calls);
  expect(fast.path.sampler.calls).toStrictEqual(api.path.sampler.calls);
  expect(fast.returned.map((span) => span.spanContext())).toStrictEqual(api.returned.map((span) => span.spanContext()));
  expect(fast.returned.map((span) => span.isRecording())).toStrictEqual(api.returned.map((span) => span.isRecording()));
  expect(fast.diag).toStrictEqual(api.diag);
  return fast;
}

test('the script gives the same spans, processor calls, sampler calls and warnings on both paths, with the default policy', () => {
  const fast = expectSamePaths(attributePolicy(undefined));
  const [add, process] = fast.path.exporter.getFinishedSpans();
  // The policy applied to what QueueOtel set, and not to what processors set in onStart and onEnding.
  expect(JSON.stringify(readableFields(add!))).not.toContain('ann@example.com');
  expect(add!.attributes['processor.peer']).toBe('10.1.2.3');
  expect(add!.attributes['processor.ending']).toBe('10.1.2.4');
  expect(add!.events.map((event) => event.name)).toContain('exception');
  // Times given without attributes are kept, as the SDK keeps them (on both paths, compared above).
  const timeOf = (name: string) => hrTimeToMilliseconds(add!.events.find((event) => event.name === name)!.time);
  expect(timeOf('time third')).toBe(T0 + 5);
  expect(timeOf('two times')).toBe(T0 + 7);
  expect(process!.links).toHaveLength(2);
  expect(fast.diag.some((message) => message.includes('You can only call end() on a span once'))).toBe(true);
});

test('the script gives the same spans on both paths without a policy (sanitize: false)', () => {
  const fast = expectSamePaths(attributePolicy(false));
  expect(fast.path.exporter.getFinishedSpans()[0]!.attributes.contact).toBe('ann@example.com');
});

test('onStart sees the span live, before its end, with its start attributes; onEnding, then onEnd, at the end', () => {
  const fast = run(false, attributePolicy(false));
  const calls = fast.path.processor.calls.filter((call) => call.name.startsWith('add') && call.spanId === fast.returned[0]!.spanContext().spanId);
  expect(calls.map((call) => [call.hook, call.ended, call.recording])).toEqual([
    ['onStart', false, true],
    ['onEnding', false, true],
    ['onEnd', true, false],
  ]);
  expect(calls[0]!.attributes).toEqual({ 'messaging.system': 'bullmq', 'messaging.destination.name': 'emails', 'app.owner': 'ann@example.com', 'sampler.rule': 'all' });
  // Spans end in the order the script ends them, each one's calls in a block.
  expect(fast.path.processor.calls.map((call) => `${call.hook} ${call.name}`).slice(0, 4)).toEqual(['onStart add emails', 'onEnding add for ann@example.com', 'onEnd add for ann@example.com', 'onStart process emails']);
});

const SMALL_LIMITS: SpanLimits = {
  attributeCountLimit: 4,
  attributeValueLengthLimit: 5,
  eventCountLimit: 3,
  linkCountLimit: 2,
  attributePerEventCountLimit: 1,
  attributePerLinkCountLimit: 1,
};

test('small span limits drop and truncate the same attributes, events and links, with the same dropped counts', () => {
  const fast = expectSamePaths(attributePolicy(false), { spanLimits: SMALL_LIMITS }, { long: 'abcdefghij', longs: ['abcdefghij', 'k'] });
  const add = fast.path.exporter.getFinishedSpans()[0]!;
  expect(Object.keys(add.attributes)).toHaveLength(4);
  expect(add.droppedAttributesCount).toBeGreaterThan(0);
  expect(add.droppedEventsCount).toBeGreaterThan(0);
  expect(add.droppedLinksCount).toBeGreaterThan(0);
  expect(add.events.some((event) => (event.droppedAttributesCount ?? 0) > 0)).toBe(true);
  expect(Object.values(add.attributes).every((value) => typeof value !== 'string' || value.length <= 5)).toBe(true);
});

test('a key set again does not use up the count limit: both paths keep and drop the same keys', () => {
  const spanOf = (publicApi: boolean) => {
    // Room for six: the sampler's and a processor's attribute (see paths.ts), then four of the script's.
    const path = testPath(publicApi, { spanLimits: { attributeCountLimit: 6 } });
    const span = startPolicySpan(path.provider.getTracer('repeat'), attributePolicy(false), { operation: 'process', queue: 'q', kind: SpanKind.CONSUMER, attributes: {}, startTime: T0 }, ROOT_CONTEXT);
    // More puts than the limit, all of one key: the span still holds one key, and has room for more.
    for (let i = 0; i < 5; i++) span.setAttribute('again', i);
    span.setAttributes({ b: 1, c: 2, d: 3 });
    // A key the span holds may be set at the limit; a new one is dropped.
    span.setAttribute('again', 'last');
    span.setAttribute('e', 4);
    span.end(T0 + 1);
    return { span, finished: path.exporter.getFinishedSpans() };
  };
  const fast = spanOf(false);
  const api = spanOf(true);
  expect(fast.span).toBeInstanceOf(LightSpan);
  expect(exportedFields(fast.finished)).toStrictEqual(exportedFields(api.finished));
  const [done] = fast.finished;
  expect(done!.attributes).toMatchObject({ again: 'last', b: 1, c: 2, d: 3 });
  expect(Object.keys(done!.attributes)).toHaveLength(6);
  expect(done!.attributes.e).toBeUndefined();
  // `e`, and what the processor sets in onEnding.
  expect(done!.droppedAttributesCount).toBe(2);
});

test('zero limits (no attributes, events or links at all) and a non-positive value length give the same spans', () => {
  const limits: SpanLimits = { attributeCountLimit: 0, attributeValueLengthLimit: 0, eventCountLimit: 0, linkCountLimit: 0, attributePerEventCountLimit: 0, attributePerLinkCountLimit: 0 };
  const fast = expectSamePaths(attributePolicy(false), { spanLimits: limits });
  const add = fast.path.exporter.getFinishedSpans()[0]!;
  expect([add.attributes, add.events, add.links]).toEqual([{}, [], []]);
});

test("the tracer's span metrics count the fast path's spans as they count the SDK's", async () => {
  async function metricsOf(publicApi: boolean): Promise<unknown> {
    const reader = new OnDemandReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const path = testPath(publicApi, { meterProvider });
    const tracer = path.provider.getTracer('metrics');
    const live = startPolicySpan(tracer, attributePolicy(false), { operation: 'process', queue: 'q', kind: SpanKind.CONSUMER, attributes: {}, startTime: Date.now() }, ROOT_CONTEXT);
    runScript(tracer, attributePolicy(false));
    const { resourceMetrics } = await reader.collect();
    void live;
    return resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .map((metric) => ({ name: metric.descriptor.name, points: metric.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value })) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  const fast = await metricsOf(false);
  expect(fast).toStrictEqual(await metricsOf(true));
  // One span is still live: the up-down counter saw its start and not its end.
  expect(JSON.stringify(fast)).toContain('otel.sdk.span.live');
});

test('performance timestamps (numbers not later than performance.now()) become the same wall-clock times on both paths', () => {
  const times = (publicApi: boolean): number[] => {
    const path = testPath(publicApi);
    const span = startPolicySpan(path.provider.getTracer('perf'), attributePolicy(false), { operation: 'process', queue: 'q', kind: SpanKind.CONSUMER, attributes: {}, startTime: performance.now() - 50 }, ROOT_CONTEXT);
    span.addEvent('perf', performance.now() - 20);
    span.end(performance.now() - 10);
    const [exported] = path.exporter.getFinishedSpans();
    return [exported!.startTime, exported!.events[0]!.time, exported!.endTime].map(hrTimeToMilliseconds);
  };
  const fast = times(false);
  const api = times(true);
  // The wall-clock offset is measured at each span's start: equal to within the time between the two runs.
  fast.forEach((time, i) => expect(Math.abs(time - api[i]!)).toBeLessThan(20));
  expect(Math.abs(fast[0]! - (Date.now() - 50))).toBeLessThan(1000);
});

test('with a QueueSampler (which keeps nothing it is handed, so the light span keeps its start attributes) both paths export the same spans', () => {
  const sampler = (): QueueSampler => new QueueSampler({ default: 1 });
  for (const policy of [attributePolicy(undefined), attributePolicy(false)]) {
    const fast = run(false, policy, { sampler: sampler() });
    const api = run(true, policy, { sampler: sampler() });
    expect(fast.returned.filter((span) => span instanceof LightSpan)).toHaveLength(6);
    expect(exportedFields(fast.path.exporter.getFinishedSpans())).toStrictEqual(exportedFields(api.path.exporter.getFinishedSpans()));
    expect(fast.path.processor.calls).toStrictEqual(api.path.processor.calls);
    expect(fast.diag).toStrictEqual(api.diag);
  }
});

test('a sampler that keeps the attributes it was handed never sees them change afterwards, as with the SDK span', () => {
  class KeepingSampler implements Sampler {
    readonly kept: Attributes[] = [];
    shouldSample(_context: Context, _traceId: string, _name: string, _kind: SpanKind, attributes: Attributes): SamplingResult {
      this.kept.push(attributes);
      return { decision: SamplingDecision.RECORD_AND_SAMPLED };
    }
  }
  const keptOn = (publicApi: boolean): Attributes[] => {
    const sampler = new KeepingSampler();
    const path = testPath(publicApi, { sampler });
    const span = startPolicySpan(path.provider.getTracer('keeping'), attributePolicy(false), { operation: 'process', queue: 'q', kind: SpanKind.CONSUMER, attributes: { 'bullmq.job.name': 'welcome' }, startTime: T0 }, ROOT_CONTEXT);
    expect(span instanceof LightSpan).toBe(!publicApi);
    span.setAttribute('bullmq.job.id', '1');
    span.end(T0 + 1);
    expect(path.exporter.getFinishedSpans()[0]!.attributes).toMatchObject({ 'bullmq.job.name': 'welcome', 'bullmq.job.id': '1' });
    return sampler.kept.map((attributes) => ({ ...attributes }));
  };
  expect(keptOn(false)).toStrictEqual(keptOn(true));
  expect(keptOn(false)[0]).not.toHaveProperty('bullmq.job.id');
});
