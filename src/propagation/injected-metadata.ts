/**
 * Job metadata from the fields a propagator injected: the path for contexts with a `tracestate` or
 * baggage, and for propagators other than W3C trace context (plain span contexts of a W3C propagator
 * take w3c-fast-path.ts instead).
 */
import type { SpanContext } from '@opentelemetry/api';
import type { PropagationFailureReason } from '../vocabulary';
import { areValidW3cIds, formatTraceparent } from './w3c-ids';
import { encodeMetadata, MAX_EXTRA_FIELDS, MAX_EXTRA_FIELDS_LENGTH, MAX_METADATA_LENGTH } from './metadata-codec';

/** Result of {@link metadataOfCarrier}: the metadata to store (empty for none), and what went wrong, if anything. */
export interface InjectedMetadata {
  metadata: string;
  failure?: PropagationFailureReason;
}

/** The version-00 `traceparent` of a span context, or undefined when its ids are not valid W3C ids. */
export function traceparentOf({ traceId, spanId, traceFlags }: SpanContext): string | undefined {
  return areValidW3cIds(traceId, spanId) ? formatTraceparent(traceId, spanId, traceFlags) : undefined;
}

/**
 * The metadata for what `propagator.inject` wrote into `carrier` for a context whose span context is
 * `spanContext`. Two rules keep every job readable:
 * - every reader of job metadata (QueueOtel's, bullmq-otel's, the CLI's) needs a `traceparent`: a
 *   propagator that writes other fields only (B3, Jaeger) gets the span context's own `traceparent`
 *   beside them; a QueueOtel worker with the same propagator extracts from its fields;
 * - what workers would not read is not written: metadata longer than {@link MAX_METADATA_LENGTH} (rejected
 *   whole), or more fields besides the trace context than workers pass on (metadata-codec.ts's
 *   {@link MAX_EXTRA_FIELDS} and {@link MAX_EXTRA_FIELDS_LENGTH}). The baggage goes first, so another propagator's
 *   own fields (B3's) stay when they fit; then only `traceparent` (and `tracestate`) are written, so a huge
 *   baggage costs the baggage, not the trace.
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
  const metadata = readable(fields);
  if (metadata !== undefined) return { metadata };
  if (fields.baggage !== undefined) {
    const { baggage: _baggage, ...rest } = fields;
    const withoutBaggage = readable(rest);
    if (withoutBaggage !== undefined) return { metadata: withoutBaggage, failure: 'too_long' };
  }
  const { traceparent, tracestate } = fields as { traceparent: string; tracestate?: string };
  const reduced = encodeMetadata(tracestate === undefined ? { traceparent } : { traceparent, tracestate });
  return { metadata: reduced.length <= MAX_METADATA_LENGTH ? reduced : encodeMetadata({ traceparent }), failure: 'too_long' };
}

/** `fields` encoded, when a worker would read all of them (within the reader's limits); else undefined. */
function readable(fields: Record<string, string>): string | undefined {
  let count = 0;
  let length = 0;
  for (const key of Object.keys(fields)) {
    if (key === 'traceparent' || key === 'tracestate') continue;
    count++;
    length += (fields[key] as string).length;
  }
  if (count > MAX_EXTRA_FIELDS || length > MAX_EXTRA_FIELDS_LENGTH) return undefined;
  const metadata = encodeMetadata(fields);
  return metadata.length <= MAX_METADATA_LENGTH ? metadata : undefined;
}
