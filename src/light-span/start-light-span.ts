import { diag, SamplingDecision, SpanKind, trace, TraceFlags } from '../otel-api';
import type { Attributes, Context, Link, Span, SpanContext, SpanOptions, Tracer } from '@opentelemetry/api';
import { isValidSpanContext } from '../context';
import { isExactQueueSampler } from '../sampling';
import { coreFunctions } from './core-functions';
import { isTracingSuppressed } from '../propagation/otel-core';
import type { AttributePolicy } from '../telemetry/attribute-policy';
import { LightSpan } from './light-span';
import { lightSpanHost } from './sdk-internals';

/** The SDK tracer's debug line for a span its sampler did not record: every path that makes such a span writes it. */
export const NOT_RECORDING_DEBUG = 'Recording is off, propagating context in a non-recording span';

/** The end callback of metrics that record nothing. */
const RECORDS_NOTHING = (): void => undefined;

/**
 * Starts a span as the SDK's `Tracer.startSpan` would, without its `SpanImpl` and without a policy wrapper: the
 * same sampler call (same arguments, same order of id generation), the same metrics, a non-recording span for a
 * NOT_RECORD decision, and for a recording one a {@link LightSpan} handed to the processors' `onStart`.
 *
 * Returns undefined when the public API must be used instead: the tracer is not a detected SDK tracer (see
 * sdk-internals.ts), or tracing is suppressed in `parent` (the SDK's own no-op answer is kept for that case).
 * `options` and `name` have been through `policy` already; `policy` then guards what is set later. The start
 * attributes are handed over (a fresh object the policy built, which the sampler may change and the span then
 * keeps): when every key and value is valid, the SDK's validating copy would be the same object again, and is
 * left out.
 */
export function startLightSpan(tracer: Tracer, name: string, options: SpanOptions, parent: Context, policy: AttributePolicy): Span | undefined {
  const host = lightSpanHost(tracer);
  if (host === undefined) return undefined;
  // Loaded on first use (see otel-core.ts); an SDK tracer has loaded it already.
  const { isAttributeValue, sanitizeAttributes } = coreFunctions();
  if (isTracingSuppressed(parent)) return undefined;
  const context = options.root ? trace.deleteSpan(parent) : parent;
  const parentSpanContext = trace.getSpan(context)?.spanContext();
  // The span id first, then (for a root) the trace id: the SDK's order, which a deterministic generator sees.
  const spanId = host.idGenerator.generateSpanId();
  let traceId: string;
  let traceState: SpanContext['traceState'];
  let validParent: SpanContext | undefined;
  if (parentSpanContext && isValidSpanContext(parentSpanContext)) {
    traceId = parentSpanContext.traceId;
    traceState = parentSpanContext.traceState;
    validParent = parentSpanContext;
  } else {
    traceId = host.idGenerator.generateTraceId();
  }
  const kind = options.kind ?? SpanKind.INTERNAL;
  // A fresh array, as the SDK hands its sampler; without links, no mapping closure is made for nothing.
  const givenLinks = options.links;
  const links: Link[] = givenLinks === undefined || givenLinks.length === 0 ? [] : givenLinks.map((link) => ({ context: link.context, attributes: sanitizeAttributes(link.attributes) }));
  const given = options.attributes;
  const keptAsIs = typeof given === 'object' && given !== null ? countKeptAsIs(given, isAttributeValue) : -1;
  const attributes = keptAsIs >= 0 ? (given as Attributes) : sanitizeAttributes(given);
  const sampling = host.sampler.shouldSample(context, traceId, name, kind, attributes, links);
  const recordEndMetrics = host.metrics ? host.metrics.startSpan(parentSpanContext, sampling.decision) : RECORDS_NOTHING;
  traceState = sampling.traceState ?? traceState;
  const traceFlags = sampling.decision === SamplingDecision.RECORD_AND_SAMPLED ? TraceFlags.SAMPLED : TraceFlags.NONE;
  // `traceState` is present even when undefined, as in the SDK's span context.
  const spanContext = { traceId, spanId, traceFlags, traceState } as SpanContext;
  if (sampling.decision === SamplingDecision.NOT_RECORD) {
    diag.debug(NOT_RECORDING_DEBUG);
    return trace.wrapSpanContext(spanContext);
  }
  return new LightSpan({
    host,
    context,
    spanContext,
    parentSpanContext: validParent,
    name,
    kind,
    links,
    // The SDK validates again with the sampler's own attributes merged in. Without any, that pass copies what is
    // already valid: the span's own validation of each value (the same warnings) covers a sampler that changed them.
    attributes: sampling.attributes === undefined ? attributes : sanitizeAttributes(Object.assign(attributes, sampling.attributes)),
    // The SDK's span copies what the sampler saw, so a sampler that kept the object never sees it change; QueueSampler
    // keeps nothing and changes nothing, so its spans are spared the copy.
    ownedAttributeCount: sampling.attributes === undefined && isExactQueueSampler(host.sampler) ? keptAsIs : -1,
    startTime: options.startTime,
    recordEndMetrics,
    policy,
  });
}

/**
 * How many entries `attributes` holds when both the SDK's `sanitizeAttributes` and a span would keep every one as it
 * is, else -1: valid keys and values, no array (the SDK copies arrays: a caller changing one later must not change the
 * span) and no `null` (which a span leaves out).
 */
function countKeptAsIs(attributes: Attributes, isAttributeValue: (value: unknown) => boolean): number {
  let count = 0;
  for (const key in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) return -1;
    const value = attributes[key];
    if (value == null || key.length === 0 || Array.isArray(value) || !isAttributeValue(value)) return -1;
    count++;
  }
  return count;
}
