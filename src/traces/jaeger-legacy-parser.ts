/**
 * Jaeger legacy `/api/traces/{id}` parser: `data[].spans[]` in microseconds (and `errors[]` of `{code, msg}`), parent via `references`,
 * services via `processes`, and kind and status carried in tags (`span.kind`, `error`, `otel.status_code`).
 */
import type { TraceAttributes, TraceEvent, TraceLink, TraceSpan } from './span-model';
import { asArray, asNumber, asString, isRecord } from './json-guards';
import { toSpanKind, toStatusCode } from './span-enums';
import { normaliseSpanId, normaliseTraceId } from './span-ids';
import { readMicros } from './time-units';
import { codedWarning, warningsOf } from './trace-read';

/** Tags that become span fields; they are removed from the attributes so they are not shown twice. */
const FIELD_TAGS = new Set(['span.kind', 'error', 'otel.status_code', 'otel.status_description']);

/** Converts Jaeger `{key, type, value}` tags; int64/float64 values may be numbers or numeric strings. */
function jaegerTags(list: unknown): TraceAttributes {
  const attributes: TraceAttributes = {};
  for (const tag of asArray(list).filter(isRecord)) {
    if (typeof tag.key !== 'string') continue;
    const { value } = tag;
    const type = typeof tag.type === 'string' ? tag.type.toLowerCase() : '';
    if (type === 'int64' || type === 'float64') {
      const number = asNumber(value);
      if (number !== undefined) attributes[tag.key] = number;
    } else if (type === 'bool') {
      attributes[tag.key] = value === true || value === 'true';
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      attributes[tag.key] = value;
    }
  }
  return attributes;
}

function parseLogs(list: unknown, fallbackUs: number): TraceEvent[] {
  return asArray(list)
    .filter(isRecord)
    .map((log) => {
      const attributes = jaegerTags(log.fields);
      const name = typeof attributes.event === 'string' ? attributes.event : 'log';
      delete attributes.event;
      return { name, timeUs: readMicros(log.timestamp) ?? fallbackUs, attributes };
    });
}

/** The parent is the first CHILD_OF (else FOLLOWS_FROM) reference in the same trace; the rest are links. */
function splitReferences(list: unknown, traceId: string): { parentSpanId?: string; links: TraceLink[] } {
  const refs = asArray(list)
    .filter(isRecord)
    .map((ref) => ({ type: ref.refType, traceId: normaliseTraceId(ref.traceID), spanId: normaliseSpanId(ref.spanID) }));
  const parent =
    refs.find((ref) => ref.type === 'CHILD_OF' && ref.traceId === traceId) ??
    refs.find((ref) => ref.type === 'FOLLOWS_FROM' && ref.traceId === traceId);
  const links: TraceLink[] = [];
  for (const ref of refs) {
    if (ref !== parent && ref.traceId && ref.spanId) links.push({ traceId: ref.traceId, spanId: ref.spanId, attributes: {} });
  }
  return parent?.spanId ? { parentSpanId: parent.spanId, links } : { links };
}

function serviceOf(processes: Record<string, unknown>, processId: unknown): string {
  const process = typeof processId === 'string' ? processes[processId] : undefined;
  return (isRecord(process) ? asString(process.serviceName) : undefined) ?? 'unknown_service';
}

function parseSpan(span: Record<string, unknown>, processes: Record<string, unknown>): TraceSpan | undefined {
  const traceId = normaliseTraceId(span.traceID);
  const spanId = normaliseSpanId(span.spanID);
  const startUs = readMicros(span.startTime);
  if (!traceId || !spanId || startUs === undefined) return undefined;
  const tags = jaegerTags(span.tags);
  const otelStatus = toStatusCode(tags['otel.status_code']);
  // Jaeger's own convention is the `error=true` tag; OpenTelemetry exporters also write otel.status_code.
  const status = otelStatus !== 'unset' ? otelStatus : tags.error === true || tags.error === 'true' ? 'error' : 'unset';
  const message = tags['otel.status_description'];
  const { parentSpanId, links } = splitReferences(span.references, traceId);
  const parsed: TraceSpan = {
    traceId,
    spanId,
    name: asString(span.operationName) ?? '(unnamed)',
    kind: toSpanKind(tags['span.kind']),
    startUs,
    endUs: startUs + (readMicros(span.duration) ?? 0),
    status,
    serviceName: serviceOf(processes, span.processID),
    attributes: Object.fromEntries(Object.entries(tags).filter(([key]) => !FIELD_TAGS.has(key))),
    events: parseLogs(span.logs, startUs),
    links,
  };
  if (parentSpanId) parsed.parentSpanId = parentSpanId;
  if (typeof message === 'string' && message !== '') parsed.statusMessage = message;
  return parsed;
}

/** Parses a Jaeger legacy trace response (`{"data": [{"spans": [...], "processes": {...}}]}`). */
export function parseJaegerLegacy(body: unknown): TraceSpan[] {
  if (!isRecord(body)) return [];
  const spans: TraceSpan[] = [];
  for (const trace of asArray(body.data).filter(isRecord)) {
    const processes = isRecord(trace.processes) ? trace.processes : {};
    for (const span of asArray(trace.spans).filter(isRecord)) {
      const parsed = parseSpan(span, processes);
      if (parsed) spans.push(parsed);
    }
  }
  return spans;
}

/** One entry of a legacy response's `errors` (`{"code": 500, "msg": "..."}`), printable and bounded. */
function jaegerError(entry: unknown): string {
  return isRecord(entry) ? codedWarning(entry.msg, entry.code, 'code') : 'an error without a message';
}

/**
 * The `errors` of a Jaeger legacy trace response, which Jaeger 1.x may send with HTTP 200, next to the spans it
 * could read (some storage shards failed) or instead of them; printable, at most `MAX_WARNINGS`.
 */
export function jaegerLegacyErrors(body: unknown): string[] {
  return isRecord(body) ? warningsOf(asArray(body.errors), jaegerError) : [];
}
