/**
 * Zipkin v2 `/api/v2/trace/{id}` parser: an array of spans in microseconds with string tags, annotations,
 * `localEndpoint.serviceName`, an upper-case `kind` and the `error` tag as the failure marker.
 */
import type { TraceAttributes, TraceEvent, TraceSpan } from './span-model';
import { asArray, asString, isRecord } from './json-guards';
import { toSpanKind, toStatusCode } from './span-enums';
import { normaliseSpanId, normaliseTraceId } from './span-ids';
import { readMicros } from './time-units';

/** Tags that become span fields rather than attributes. */
const FIELD_TAGS = new Set(['error', 'otel.status_code', 'otel.status_description']);

function stringTags(raw: unknown): TraceAttributes {
  const attributes: TraceAttributes = {};
  if (!isRecord(raw)) return attributes;
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' && !FIELD_TAGS.has(key)) attributes[key] = value;
  }
  return attributes;
}

function parseAnnotations(list: unknown): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (const annotation of asArray(list).filter(isRecord)) {
    const timeUs = readMicros(annotation.timestamp);
    const name = asString(annotation.value);
    if (timeUs !== undefined && name) events.push({ name, timeUs, attributes: {} });
  }
  return events;
}

/** Zipkin marks failure with an `error` tag whose value is the message (often empty or "true"). */
function statusOf(tags: Record<string, unknown>): { status: TraceSpan['status']; message?: string } {
  const otel = toStatusCode(tags['otel.status_code']);
  const error = tags.error;
  const status = otel !== 'unset' ? otel : typeof error === 'string' ? 'error' : 'unset';
  const candidates = [tags['otel.status_description'], error];
  const message = candidates.find((text): text is string => typeof text === 'string' && text !== '' && text !== 'true');
  return message && status === 'error' ? { status, message } : { status };
}

function parseSpan(span: Record<string, unknown>): TraceSpan | undefined {
  const traceId = normaliseTraceId(span.traceId);
  const spanId = normaliseSpanId(span.id);
  // Zipkin omits `timestamp` only on incomplete fragments; without a start there is nothing to draw.
  const startUs = readMicros(span.timestamp);
  if (!traceId || !spanId || startUs === undefined) return undefined;
  const tags = isRecord(span.tags) ? span.tags : {};
  const { status, message } = statusOf(tags);
  const endpoint = isRecord(span.localEndpoint) ? span.localEndpoint : {};
  const parsed: TraceSpan = {
    traceId,
    spanId,
    name: asString(span.name) ?? '(unnamed)',
    // Zipkin leaves `kind` out for local (internal) spans, which is how OpenTelemetry exports INTERNAL.
    kind: toSpanKind(span.kind, 'internal'),
    startUs,
    endUs: startUs + (readMicros(span.duration) ?? 0),
    status,
    serviceName: asString(endpoint.serviceName) ?? 'unknown_service',
    attributes: stringTags(tags),
    events: parseAnnotations(span.annotations),
    links: [],
  };
  const parentSpanId = normaliseSpanId(span.parentId);
  if (parentSpanId) parsed.parentSpanId = parentSpanId;
  if (message) parsed.statusMessage = message;
  return parsed;
}

/** Parses a Zipkin v2 trace response (a JSON array of spans). */
export function parseZipkinV2(body: unknown): TraceSpan[] {
  const spans: TraceSpan[] = [];
  for (const span of asArray(body).filter(isRecord)) {
    const parsed = parseSpan(span);
    if (parsed) spans.push(parsed);
  }
  return spans;
}
