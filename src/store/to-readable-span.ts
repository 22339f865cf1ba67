/**
 * Rebuilds SDK `ReadableSpan`s from stored spans so an OTLP exporter can send what the store buffered.
 *
 * Faithful: ids, parent (as `parentSpanContext`, remote flag kept), name, kind, times, status, attributes,
 * events, links, instrumentation scope, `service.name`. Lost: sub-microsecond precision, other resource
 * attributes, trace state and flags (spans are re-sent as sampled), dropped-item counts (always 0).
 */
import { SpanKind, SpanStatusCode, TraceFlags } from '../otel-api';
import type { HrTime, Link, SpanContext } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { TraceSpanKind, TraceStatusCode } from '../traces/span-model';
import type { StoredSpan } from './stored-span';

const KINDS: Readonly<Record<TraceSpanKind, SpanKind>> = {
  unspecified: SpanKind.INTERNAL,
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

const STATUS_CODES: Readonly<Record<TraceStatusCode, SpanStatusCode>> = {
  unset: SpanStatusCode.UNSET,
  ok: SpanStatusCode.OK,
  error: SpanStatusCode.ERROR,
};

/** Converts microseconds since the epoch to an OpenTelemetry `HrTime`. */
export function microsToHrTime(micros: number): HrTime {
  const seconds = Math.floor(micros / 1_000_000);
  return [seconds, (micros - seconds * 1_000_000) * 1000];
}

function context(traceId: string, spanId: string, isRemote: boolean): SpanContext {
  return { traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote };
}

/**
 * Rebuilds one span. `resource` lets callers share one resource object per service, which OTLP
 * serialisers use to group spans.
 */
export function toReadableSpan(span: StoredSpan, resource?: Resource): ReadableSpan {
  const own = context(span.traceId, span.spanId, false);
  const links: Link[] = span.links.map((link) => ({
    context: context(link.traceId, link.spanId, true),
    attributes: { ...link.attributes },
  }));
  const status = span.statusMessage === undefined
    ? { code: STATUS_CODES[span.status] }
    : { code: STATUS_CODES[span.status], message: span.statusMessage };
  const scope = span.scope ?? { name: 'unknown' };
  const readable: ReadableSpan = {
    name: span.name,
    kind: KINDS[span.kind],
    spanContext: () => own,
    startTime: microsToHrTime(span.startUs),
    endTime: microsToHrTime(span.endUs),
    duration: microsToHrTime(span.endUs - span.startUs),
    status,
    attributes: { ...span.attributes },
    links,
    events: span.events.map((event) => ({
      name: event.name,
      time: microsToHrTime(event.timeUs),
      attributes: { ...event.attributes },
    })),
    ended: true,
    resource: resource ?? resourceFromAttributes({ 'service.name': span.serviceName }),
    instrumentationScope: { ...scope },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
  if (span.parentSpanId === undefined) return readable;
  return {
    ...readable,
    parentSpanContext: context(span.traceId, span.parentSpanId, span.parentIsRemote === true),
  };
}

/** Rebuilds many spans, sharing one `Resource` per service name. */
export function toReadableSpans(spans: readonly StoredSpan[]): ReadableSpan[] {
  const resources = new Map<string, Resource>();
  return spans.map((span) => {
    let resource = resources.get(span.serviceName);
    if (!resource) {
      resource = resourceFromAttributes({ 'service.name': span.serviceName });
      resources.set(span.serviceName, resource);
    }
    return toReadableSpan(span, resource);
  });
}
