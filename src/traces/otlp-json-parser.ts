/**
 * OTLP/JSON trace parser (`resourceSpans[].scopeSpans[].spans[]`). Also reads the pre-1.0
 * `instrumentationLibrarySpans` layout, base64 ids, string or numeric nanoseconds and enum names or numbers,
 * because Jaeger v3 and both Tempo APIs emit different generations of the same protobuf JSON mapping.
 */
import type { TraceEvent, TraceLink, TraceSpan } from './span-model';
import { asArray, asString, isRecord } from './json-guards';
import { otlpAttributes } from './otlp-attributes';
import { toSpanKind, toStatusCode } from './span-enums';
import { normaliseSpanId, normaliseTraceId } from './span-ids';
import { nanosToMicros } from './time-units';

/** `service.name` when it is present, the OpenTelemetry SDK's default otherwise. */
const UNKNOWN_SERVICE = 'unknown_service';

function parseEvents(list: unknown, fallbackUs: number): TraceEvent[] {
  return asArray(list)
    .filter(isRecord)
    .map((event) => ({
      name: asString(event.name) ?? 'event',
      timeUs: nanosToMicros(event.timeUnixNano) ?? fallbackUs,
      attributes: otlpAttributes(event.attributes),
    }));
}

function parseLinks(list: unknown): TraceLink[] {
  const links: TraceLink[] = [];
  for (const link of asArray(list).filter(isRecord)) {
    const traceId = normaliseTraceId(link.traceId);
    const spanId = normaliseSpanId(link.spanId);
    if (traceId && spanId) links.push({ traceId, spanId, attributes: otlpAttributes(link.attributes) });
  }
  return links;
}

/** Parses one OTLP span; `undefined` when it lacks the ids or the start time the model requires. */
function parseSpan(span: Record<string, unknown>, serviceName: string): TraceSpan | undefined {
  const traceId = normaliseTraceId(span.traceId);
  const spanId = normaliseSpanId(span.spanId);
  const startUs = nanosToMicros(span.startTimeUnixNano);
  if (!traceId || !spanId || startUs === undefined) return undefined;
  // An unfinished or clock-skewed span must not end before it starts: the model promises endUs >= startUs.
  const endUs = Math.max(startUs, nanosToMicros(span.endTimeUnixNano) ?? startUs);
  const status = isRecord(span.status) ? span.status : {};
  const parsed: TraceSpan = {
    traceId,
    spanId,
    name: asString(span.name) ?? '(unnamed)',
    kind: toSpanKind(span.kind),
    startUs,
    endUs,
    status: toStatusCode(status.code),
    serviceName,
    attributes: otlpAttributes(span.attributes),
    events: parseEvents(span.events, startUs),
    links: parseLinks(span.links),
  };
  const parentSpanId = normaliseSpanId(span.parentSpanId);
  if (parentSpanId) parsed.parentSpanId = parentSpanId;
  const message = asString(status.message);
  if (message) parsed.statusMessage = message;
  return parsed;
}

/** Parses a `ResourceSpans[]` list (the value of `resourceSpans`, or Tempo v1's `batches`). */
export function parseOtlpResourceSpans(list: unknown): TraceSpan[] {
  const spans: TraceSpan[] = [];
  for (const resourceSpans of asArray(list).filter(isRecord)) {
    const resource = isRecord(resourceSpans.resource) ? resourceSpans.resource : {};
    const service = otlpAttributes(resource.attributes)['service.name'];
    const serviceName = typeof service === 'string' && service !== '' ? service : UNKNOWN_SERVICE;
    const scopes = [...asArray(resourceSpans.scopeSpans), ...asArray(resourceSpans.instrumentationLibrarySpans)];
    for (const scope of scopes.filter(isRecord)) {
      for (const span of asArray(scope.spans).filter(isRecord)) {
        const parsed = parseSpan(span, serviceName);
        if (parsed) spans.push(parsed);
      }
    }
  }
  return spans;
}

/** Parses an OTLP/JSON `TracesData` document (`{"resourceSpans": [...]}`); anything else yields no spans. */
export function parseOtlpJson(body: unknown): TraceSpan[] {
  return isRecord(body) ? parseOtlpResourceSpans(body.resourceSpans) : [];
}
