import { context, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { TracingHealthMetrics } from '../../src/health';
import { TraceLimitSpanProcessor, spanLimitsFrom } from '../../src/export';
import { TraceSpanCounter } from '../../src/export/trace-span-counter';
import { counterValue } from './export-fixtures';

function limitedTracing(options: ConstructorParameters<typeof TraceLimitSpanProcessor>[1], limits = spanLimitsFrom({}, {})) {
  const memory = new InMemorySpanExporter();
  const processor = new TraceLimitSpanProcessor(new SimpleSpanProcessor(memory), options);
  const provider = new BasicTracerProvider({ spanLimits: limits, spanProcessors: [processor] });
  return { memory, processor, tracer: provider.getTracer('limit-test') };
}

test('passes the first N spans of a trace, drops and counts the rest; other traces are unaffected', async () => {
  const health = new TracingHealthMetrics();
  const drops: number[] = [];
  const { memory, processor, tracer } = limitedTracing({ maxSpansPerTrace: 10, health, onDropped: (_, n) => drops.push(n) });
  const root = tracer.startSpan('root');
  const inRoot = trace.setSpan(context.active(), root);
  for (let i = 0; i < 14; i += 1) tracer.startSpan(`child-${i}`, {}, inRoot).end();
  root.end(); // started first, so kept although it ends last
  const other = tracer.startSpan('other');
  other.end();

  const names = memory.getFinishedSpans().map((s) => s.name);
  expect(names).toEqual([...Array.from({ length: 9 }, (_, i) => `child-${i}`), 'root', 'other']);
  expect(processor.stats()).toMatchObject({ passed: 11, dropped: 5, trackedTraces: 2 });
  expect(drops).toEqual([1, 1, 1, 1, 1]);
  expect(await counterValue(health.registry, 'queue_otel_spans_dropped_total', { reason: 'trace_span_limit' })).toBe(5);
});

test('a name that is no option, or a count that would switch the limit off, is refused at construction', () => {
  const build = (options: object) => (): TraceLimitSpanProcessor =>
    new TraceLimitSpanProcessor(new SimpleSpanProcessor(new InMemorySpanExporter()), options as ConstructorParameters<typeof TraceLimitSpanProcessor>[1]);
  expect(build({ maxSpansPerTace: 50 })).toThrow('queue-otel: "maxSpansPerTace" is not an option of TraceLimitSpanProcessor (did you mean maxSpansPerTrace?)');
  expect(build({ maxTrackedTraces: Number.NaN })).toThrow(new RangeError('queue-otel: maxTrackedTraces must be a positive integer, got NaN'));
  expect(build({ maxTrackedTraces: 0 })).toThrow(RangeError);
  expect(build({ traceTtlMillis: Number.NaN })).toThrow(new RangeError('queue-otel: traceTtlMillis must be a positive number of milliseconds, got NaN'));
  expect(build({ traceTtlMillis: 0 })).toThrow(RangeError);
  expect(build({ maxSpansPerTrace: -1 })).toThrow(new RangeError('queue-otel: maxSpansPerTrace must be a non-negative integer, got -1'));
  expect(build({ maxSpansPerTrace: 2, maxTrackedTraces: 1, traceTtlMillis: Number.POSITIVE_INFINITY, onDropped: undefined })).not.toThrow();
});

test('counts what the SDK trimmed under spanLimitsFrom, so nothing is trimmed silently', () => {
  const limits = spanLimitsFrom({ attributeCountLimit: 3, eventCountLimit: 2, attributeValueLengthLimit: 8, linkCountLimit: 1 }, {});
  const trims: Array<[string, number]> = [];
  const { memory, processor, tracer } = limitedTracing({ attributeValueLengthLimit: limits.attributeValueLengthLimit, onTrimmed: (k, n) => trims.push([k, n]) }, limits);
  const linked = tracer.startSpan('linked');
  linked.end();
  const span = tracer.startSpan('busy', { links: [{ context: linked.spanContext() }, { context: linked.spanContext() }] });
  span.setAttributes({ a: 'short', b: 'x'.repeat(50), c: ['ok', 'y'.repeat(9)], d: 1, e: 2 });
  for (let i = 0; i < 5; i += 1) span.addEvent(`e${i}`);
  span.end();

  const busy = memory.getFinishedSpans().find((s) => s.name === 'busy')!;
  expect(busy.attributes).toEqual({ a: 'short', b: 'xxxxxxxx', c: ['ok', 'yyyyyyyy'] });
  expect(processor.stats().trimmed).toEqual({ attributes: 2, events: 3, links: 1, event_attributes: 0, link_attributes: 0, attribute_values: 2 });
  expect(trims.sort()).toEqual([['attribute_values', 2], ['attributes', 2], ['events', 3], ['links', 1]]);
});

test('a TracingHealthMetrics as health counts the trims by kind; a health object without spanDataTrimmed still works', async () => {
  const limits = spanLimitsFrom({ eventCountLimit: 1, attributeValueLengthLimit: 4 }, {});
  const health = new TracingHealthMetrics();
  const counted = limitedTracing({ attributeValueLengthLimit: limits.attributeValueLengthLimit, health }, limits);
  const dropsOnly: number[] = [];
  const older = limitedTracing({ attributeValueLengthLimit: 4, health: { spansDropped: (_, n) => dropsOnly.push(n ?? 1) } }, limits);
  for (const { tracer } of [counted, older]) {
    const span = tracer.startSpan('s');
    span.setAttribute('v', 'long value');
    span.addEvent('one').addEvent('two').addEvent('three');
    span.end();
  }
  expect(await counterValue(health.registry, 'queue_otel_span_data_trimmed_total', { kind: 'attribute_values' })).toBe(1);
  expect(await counterValue(health.registry, 'queue_otel_span_data_trimmed_total', { kind: 'events' })).toBe(2);
  expect(older.processor.stats().trimmed).toMatchObject({ attribute_values: 1, events: 2 });
  expect(older.memory.getFinishedSpans()).toHaveLength(1);
});

test('spanLimitsFrom: option, then OTEL_* variable, then the default', () => {
  expect(spanLimitsFrom({}, {})).toEqual({
    attributeValueLengthLimit: 1000, attributeCountLimit: 128, eventCountLimit: 128,
    linkCountLimit: 128, attributePerEventCountLimit: 128, attributePerLinkCountLimit: 128,
  });
  const env = { OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '300', OTEL_SPAN_EVENT_COUNT_LIMIT: '7', OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: 'lots' };
  expect(spanLimitsFrom({}, env)).toMatchObject({ attributeValueLengthLimit: 300, eventCountLimit: 7, attributeCountLimit: 128 });
  expect(spanLimitsFrom({ attributeValueLengthLimit: 50 }, { ...env, OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: '100' }).attributeValueLengthLimit).toBe(50);
  expect(spanLimitsFrom({}, { OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: '100', OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '300' }).attributeValueLengthLimit).toBe(100);
  expect(() => spanLimitsFrom({ eventCountLimit: -1 })).toThrow(new RangeError('queue-otel: eventCountLimit must be a non-negative integer, got -1'));
  // An unusable variable is reported and the next candidate (the general variable, then the default) is used.
  const warnings: string[] = [];
  const limits = spanLimitsFrom({}, { OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: '1e9x', OTEL_ATTRIBUTE_COUNT_LIMIT: '64', OTEL_SPAN_LINK_COUNT_LIMIT: '2.5' }, (m) => warnings.push(m));
  expect(limits).toMatchObject({ attributeCountLimit: 64, linkCountLimit: 128 });
  expect(warnings).toEqual([
    'OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT="1e9x" is not a whole number >= 0; using 64 from OTEL_ATTRIBUTE_COUNT_LIMIT',
    'OTEL_SPAN_LINK_COUNT_LIMIT="2.5" is not a whole number >= 0; using the default 128',
  ]);
});

test('spanLimitsFrom: 0 is a limit (none for a value length, no items for a count); only decimal digits are a number', () => {
  const warnings: string[] = [];
  const env = { OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '0', OTEL_SPAN_EVENT_COUNT_LIMIT: '0', OTEL_SPAN_LINK_COUNT_LIMIT: '1e3', OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: '-1', OTEL_ATTRIBUTE_COUNT_LIMIT: '0x10' };
  expect(spanLimitsFrom({}, env, (m) => warnings.push(m))).toMatchObject({ attributeValueLengthLimit: 0, eventCountLimit: 0, linkCountLimit: 128, attributeCountLimit: 128 });
  // Every unusable variable of a chain is named, each with what is used instead.
  expect(warnings).toEqual([
    'OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT="-1" is not a whole number >= 0; using the default 128',
    'OTEL_ATTRIBUTE_COUNT_LIMIT="0x10" is not a whole number >= 0; using the default 128',
    'OTEL_SPAN_LINK_COUNT_LIMIT="1e3" is not a whole number >= 0; using the default 128',
  ]);
});

test('per-trace counts live in a map bounded in size and in time', () => {
  let now = 0;
  const counter = new TraceSpanCounter(3, 1_000, () => now);
  for (const id of ['a', 'b', 'c']) counter.increment(id);
  expect(counter.increment('a')).toBe(2); // 'a' becomes the most recently active
  counter.increment('d'); // evicts 'b', the least recently active
  expect(counter.size).toBe(3);
  expect(counter.increment('b')).toBe(1); // forgotten: counts again from zero (evicting 'c')
  expect(counter.increment('a')).toBe(3);
  now = 1_500;
  expect(counter.increment('e')).toBe(1); // everything older than the TTL is gone
  expect(counter.size).toBe(1);
});
