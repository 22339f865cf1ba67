/**
 * Job metadata from the fields a propagator injected: the path for contexts with a `tracestate` or
 * baggage, and for propagators other than W3C trace context (plain span contexts of a W3C propagator
 * take w3c-fast-path.ts instead).
 */
import type { SpanContext } from '@opentelemetry/api';
import type { PropagationFailureReason } from '../vocabulary';
import { encodeMetadata, MAX_METADATA_LENGTH } from './metadata-codec';

/** Result of {@link metadataOfCarrier}: the metadata to store (empty for none), and what went wrong, if anything. */
export interface InjectedMetadata {
  metadata: string;
  failure?: PropagationFailureReason;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

/** The version-00 `traceparent` of a span context, or undefined when its ids are not valid W3C ids. */
export function traceparentOf({ traceId, spanId, traceFlags }: SpanContext): string | undefined {
  if (!TRACE_ID.test(traceId) || !SPAN_ID.test(spanId) || traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
  return `00-${traceId}-${spanId}-${(traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

/**
 * The metadata for what `propagator.inject` wrote into `carrier` for a context whose span context is
 * `spanContext`. Two rules keep every job readable:
 * - every reader of job metadata (QueueOtel's, bullmq-otel's, the CLI's) needs a `traceparent`: a
 *   propagator that writes other fields only (B3, Jaeger) gets the span context's own `traceparent`
 *   beside them; a QueueOtel worker with the same propagator extracts from its fields;
 * - workers reject metadata longer than {@link MAX_METADATA_LENGTH} as a whole: past it only
 *   `traceparent` (and `tracestate`) are written, so a huge baggage costs the baggage, not the trace.
 */
export function metadataOfCarrier(carrier: Record<string, string>, spanContext: SpanContext): InjectedMetadata {
  let fields = carrier;
  if (carrier.traceparent === undefined) {
    // Nothing written at all: a propagator that propagates nothing (or failed quietly) is not overridden.
    if (Object.keys(carrier).length === 0) return { metadata: '', failure: 'missing_traceparent' };
    const traceparent = traceparentOf(spanContext);
    if (traceparent === undefined) return { metadata: '', failure: 'invalid_traceparent' };
    fields = { traceparent, ...carrier };
  }
  const metadata = encodeMetadata(fields);
  if (metadata.length <= MAX_METADATA_LENGTH) return { metadata };
  const { traceparent, tracestate } = fields as { traceparent: string; tracestate?: string };
  const reduced = encodeMetadata(tracestate === undefined ? { traceparent } : { traceparent, tracestate });
  return { metadata: reduced.length <= MAX_METADATA_LENGTH ? reduced : encodeMetadata({ traceparent }), failure: 'too_long' };
}
