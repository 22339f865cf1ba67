/**
 * The one span model every trace source is normalised to before anything draws or indexes it:
 * the Redis span store, Jaeger, Tempo and Zipkin all become arrays of {@link TraceSpan}.
 */

/** A primitive attribute value, or a homogeneous array of them, as OpenTelemetry allows. */
export type TraceAttributeValue = string | number | boolean | string[] | number[] | boolean[];

/** Attributes keyed by their OpenTelemetry name. */
export type TraceAttributes = Record<string, TraceAttributeValue>;

/** Span kind, lower-case, as OTLP JSON names it without the `SPAN_KIND_` prefix. */
export type TraceSpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';

/** Span status code; `unset` is the default and means "no opinion", not success. */
export type TraceStatusCode = 'unset' | 'ok' | 'error';

/** A timestamped annotation on a span (for example an exception). */
export interface TraceEvent {
  name: string;
  /** Microseconds since the Unix epoch. */
  timeUs: number;
  attributes: TraceAttributes;
}

/** A reference from a span to a span of another (or the same) trace. */
export interface TraceLink {
  traceId: string;
  spanId: string;
  attributes: TraceAttributes;
}

/** A finished span, normalised. Ids are lower-case hex: 32 digits for traces, 16 for spans. */
export interface TraceSpan {
  traceId: string;
  spanId: string;
  /** Absent for a root span, or when the parent is unknown to the source. */
  parentSpanId?: string;
  name: string;
  kind: TraceSpanKind;
  /** Microseconds since the Unix epoch. */
  startUs: number;
  /** Microseconds since the Unix epoch; never before {@link TraceSpan.startUs}. */
  endUs: number;
  status: TraceStatusCode;
  statusMessage?: string;
  /** `service.name` of the span's resource, or `unknown_service` when the source has none. */
  serviceName: string;
  attributes: TraceAttributes;
  events: TraceEvent[];
  links: TraceLink[];
}
