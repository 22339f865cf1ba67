/**
 * Shortcuts for the common case: the propagator only speaks W3C trace context (optionally with W3C
 * baggage) and the context carries nothing but a span context. Then the metadata is fully determined
 * by the span context, and writing or reading it through the propagator's carrier objects only adds
 * allocations and a second validation of the same header on every job. Anything else (another
 * propagator, tracestate, baggage) takes the propagator's own path.
 */
import { INVALID_SPANID, INVALID_TRACEID, propagation, trace } from '../otel-api';
import type { Context, SpanContext, TextMapPropagator } from '@opentelemetry/api';
import { isTracingSuppressed } from './otel-core';
import type { TraceCarrier } from './metadata-codec';

const W3C_FIELDS = new Set(['traceparent', 'tracestate', 'baggage']);
const CANONICAL_PREFIX = '{"traceparent":"00-';
/** `00-<32 hex>-<16 hex>-<2 hex>`: a version-00 header with nothing after the flags. */
const VERSION_00_LENGTH = 55;

/**
 * Whether every field the propagator writes is a W3C trace-context or baggage header. Asked on each
 * call, because the global propagator can be replaced at any time.
 */
export function speaksOnlyW3c(propagator: TextMapPropagator): boolean {
  const fields = propagator.fields();
  let traceparent = false;
  for (const field of fields) {
    if (!W3C_FIELDS.has(field)) return false;
    if (field === 'traceparent') traceparent = true;
  }
  return traceparent;
}

/** Ids the W3C propagator would accept; the SDK's generators always produce these. */
function hasValidIds({ traceId, spanId }: SpanContext): boolean {
  return traceId.length === 32 && spanId.length === 16 && traceId !== INVALID_TRACEID && spanId !== INVALID_SPANID;
}

/**
 * The metadata `propagator.inject` would produce for `ctx`, built directly, or undefined when the
 * shortcut does not apply (then inject through the propagator).
 */
export function fastCanonicalMetadata(propagator: TextMapPropagator, ctx: Context, spanContext: SpanContext): string | undefined {
  if (spanContext.traceState !== undefined || !hasValidIds(spanContext) || !speaksOnlyW3c(propagator)) return undefined;
  if (propagation.getBaggage(ctx) !== undefined || isTracingSuppressed(ctx)) return undefined;
  const flags = spanContext.traceFlags & 0xff;
  return `${CANONICAL_PREFIX}${spanContext.traceId}-${spanContext.spanId}-${flags < 16 ? '0' : ''}${flags.toString(16)}"}`;
}

/**
 * The context `propagator.extract` would restore from a carrier that {@link decodeMetadata} validated,
 * built directly; undefined when the shortcut does not apply (tracestate, baggage, another version, a
 * propagator that is not W3C-only): then extract through the propagator. A W3C-only propagator reads no
 * other field, so those need no look here.
 */
export function fastExtract(propagator: TextMapPropagator, base: Context, carrier: TraceCarrier): Context | undefined {
  const { traceparent } = carrier;
  if (carrier.tracestate !== undefined || carrier.baggage !== undefined) return undefined;
  if (traceparent.length !== VERSION_00_LENGTH || !traceparent.startsWith('00-')) return undefined;
  if (!speaksOnlyW3c(propagator)) return undefined;
  return trace.setSpanContext(base, {
    traceId: traceparent.slice(3, 35),
    spanId: traceparent.slice(36, 52),
    traceFlags: parseInt(traceparent.slice(53, 55), 16),
    isRemote: true,
  });
}
