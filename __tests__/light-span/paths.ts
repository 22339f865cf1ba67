import { SamplingDecision } from '@opentelemetry/api';
import type { Attributes, Context, Link, SamplingResult, SpanKind, Tracer, TracerProvider } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { IdGenerator, ReadableSpan, Sampler, Span, SpanLimits, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { MeterProvider } from '@opentelemetry/api';

/** Ids from a counter: two providers given the same calls in the same order hand out the same ids. */
export class CountingIdGenerator implements IdGenerator {
  private next = 1;

  generateTraceId(): string {
    return (this.next++).toString(16).padStart(32, '0');
  }

  generateSpanId(): string {
    return (this.next++).toString(16).padStart(16, '0');
  }
}

/** One call a processor saw, with what the span held then. */
export interface ProcessorCall {
  hook: 'onStart' | 'onEnding' | 'onEnd';
  name: string;
  spanId: string;
  ended: boolean;
  recording: boolean;
  attributes: Attributes;
}

/**
 * A processor that writes down each call with a copy of what the span held, and (like processors in the wild)
 * adds an attribute of its own in `onStart` and in `onEnding`: an address the default attribute policy would
 * redact, so both paths must leave processors' own writes alone.
 */
export class RecordingProcessor implements SpanProcessor {
  readonly calls: ProcessorCall[] = [];

  onStart(span: Span): void {
    this.calls.push(this.call('onStart', span));
    span.setAttribute('processor.peer', '10.1.2.3');
  }

  onEnding(span: Span): void {
    this.calls.push(this.call('onEnding', span));
    span.setAttribute('processor.ending', '10.1.2.4');
  }

  onEnd(span: ReadableSpan): void {
    this.calls.push(this.call('onEnd', span));
  }

  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}

  private call(hook: ProcessorCall['hook'], span: ReadableSpan): ProcessorCall {
    const recording = typeof (span as Partial<Span>).isRecording === 'function' ? (span as Span).isRecording() : false;
    return { hook, name: span.name, spanId: span.spanContext().spanId, ended: span.ended, recording, attributes: { ...span.attributes } };
  }
}

/** What a sampler was asked. */
export interface SamplerCall {
  traceId: string;
  name: string;
  kind: SpanKind;
  attributes: Attributes;
  links: Link[];
}

/**
 * A sampler that drops spans named `drop …`, records without sampling `record …`, and samples the rest, adding
 * an attribute and a trace state of its own; it writes down every call.
 */
export class ScriptedSampler implements Sampler {
  readonly calls: SamplerCall[] = [];

  shouldSample(_context: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    this.calls.push({ traceId, name, kind, attributes: { ...attributes }, links: links.map((link) => ({ ...link })) });
    if (name.startsWith('drop')) return { decision: SamplingDecision.NOT_RECORD };
    if (name.startsWith('record')) return { decision: SamplingDecision.RECORD };
    return { decision: SamplingDecision.RECORD_AND_SAMPLED, attributes: { 'sampler.rule': 'all' } };
  }

  toString(): string {
    return 'ScriptedSampler';
  }
}

/** A provider that offers nothing but the public API: its tracers hide the SDK's internals. */
export class PublicApiProvider implements TracerProvider {
  constructor(private readonly provider: TracerProvider) {}

  getTracer(name: string, version?: string): Tracer {
    const tracer = this.provider.getTracer(name, version);
    return {
      startSpan: (spanName, options, context) => tracer.startSpan(spanName, options, context),
      startActiveSpan: ((...args: unknown[]) => (tracer.startActiveSpan as (...a: unknown[]) => unknown)(...args)) as Tracer['startActiveSpan'],
    };
  }
}

/** One SDK set-up: a provider (the fast path's when `publicApi` is false), its exporter, processor and sampler. */
export interface TestPath {
  provider: TracerProvider;
  sdk: BasicTracerProvider;
  exporter: InMemorySpanExporter;
  processor: RecordingProcessor;
  sampler: ScriptedSampler;
}

export function testPath(publicApi: boolean, options: { spanLimits?: SpanLimits; meterProvider?: MeterProvider; sampler?: Sampler } = {}): TestPath {
  const exporter = new InMemorySpanExporter();
  const processor = new RecordingProcessor();
  const sampler = new ScriptedSampler();
  const sdk = new BasicTracerProvider({
    idGenerator: new CountingIdGenerator(),
    sampler: options.sampler ?? sampler,
    spanProcessors: [processor, new SimpleSpanProcessor(exporter)],
    ...(options.spanLimits ? { spanLimits: options.spanLimits } : {}),
    ...(options.meterProvider ? { meterProvider: options.meterProvider } : {}),
  });
  return { provider: publicApi ? new PublicApiProvider(sdk) : sdk, sdk, exporter, processor, sampler };
}

/** Every field of the ReadableSpan interface, read through it (getters included). */
export function readableFields(span: ReadableSpan): Record<string, unknown> {
  return {
    name: span.name,
    kind: span.kind,
    spanContext: span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    status: span.status,
    attributes: span.attributes,
    links: span.links,
    events: span.events,
    duration: span.duration,
    ended: span.ended,
    resource: span.resource.attributes,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}
