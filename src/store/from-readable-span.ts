/**
 * Converts an OpenTelemetry SDK `ReadableSpan` into a {@link StoredSpan}: hex ids, microsecond times,
 * lower-case kind and status, `service.name` from the resource.
 */
import { SpanKind, SpanStatusCode } from '../otel-api';
import type { Attributes, HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { TraceAttributes, TraceAttributeValue, TraceSpanKind, TraceStatusCode } from '../traces/span-model';
import type { StoredSpan } from './stored-span';

const KIND_NAMES: Readonly<Record<number, TraceSpanKind>> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

/** Microseconds since the epoch; flooring both ends keeps `end >= start`. */
export function hrTimeToMicros(time: HrTime): number {
  return time[0] * 1_000_000 + Math.floor(time[1] / 1000);
}

function statusName(code: SpanStatusCode): TraceStatusCode {
  if (code === SpanStatusCode.ERROR) return 'error';
  return code === SpanStatusCode.OK ? 'ok' : 'unset';
}

/** Keeps defined values; arrays lose their `null`/`undefined` holes, which the span model cannot express. */
export function toTraceAttributes(attributes: Attributes | undefined): TraceAttributes {
  const result: TraceAttributes = {};
  if (!attributes) return result;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    result[key] = Array.isArray(value)
      ? (value.filter((item) => item !== null && item !== undefined) as TraceAttributeValue)
      : value;
  }
  return result;
}

/** Converts a finished SDK span. Never throws on well-formed SDK spans. */
export function fromReadableSpan(span: ReadableSpan): StoredSpan {
  const context = span.spanContext();
  const parent = span.parentSpanContext;
  const serviceName = span.resource.attributes['service.name'];
  const stored: StoredSpan = {
    traceId: context.traceId,
    spanId: context.spanId,
    name: span.name,
    kind: KIND_NAMES[span.kind] ?? 'internal',
    startUs: hrTimeToMicros(span.startTime),
    endUs: Math.max(hrTimeToMicros(span.endTime), hrTimeToMicros(span.startTime)),
    status: statusName(span.status.code),
    serviceName: typeof serviceName === 'string' ? serviceName : 'unknown_service',
    attributes: toTraceAttributes(span.attributes),
    events: span.events.map((event) => ({
      name: event.name,
      timeUs: hrTimeToMicros(event.time),
      attributes: toTraceAttributes(event.attributes),
    })),
    links: span.links.map((link) => ({
      traceId: link.context.traceId,
      spanId: link.context.spanId,
      attributes: toTraceAttributes(link.attributes),
    })),
  };
  if (parent) stored.parentSpanId = parent.spanId;
  if (parent?.isRemote) stored.parentIsRemote = true;
  if (span.status.message) stored.statusMessage = span.status.message;
  const scope = span.instrumentationScope;
  stored.scope = { name: scope.name };
  if (scope.version) stored.scope.version = scope.version;
  if (scope.schemaUrl) stored.scope.schemaUrl = scope.schemaUrl;
  return stored;
}
