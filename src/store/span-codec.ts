/**
 * Compact JSON for one stored span. Short keys and omitted empties keep a span small in Redis; the trace
 * id is not repeated because it is the hash tag of the list that holds the span.
 *
 * Record: `i` span id, `p` parent id, `r` parent is remote, `n` name, `k` kind index, `s`/`e` start/end µs,
 * `c` status (1 ok, 2 error), `m` status message, `v` service name, `a` attributes,
 * `x` events `[name, timeUs, attrs?]`, `l` links `[traceId, spanId, attrs?]`, `o` scope `[name, version?, schemaUrl?]`.
 */
import type { TraceAttributes, TraceAttributeValue, TraceSpanKind, TraceStatusCode } from '../traces/span-model';
import type { StoredScope, StoredSpan } from './stored-span';

// Indexes 0–4 equal OpenTelemetry's SpanKind numbers.
const KINDS: readonly TraceSpanKind[] = ['internal', 'server', 'client', 'producer', 'consumer', 'unspecified'];
const STATUSES: readonly TraceStatusCode[] = ['unset', 'ok', 'error'];

type Row = Record<string, unknown>;

/**
 * The longest span record the store writes or reads, in characters of its JSON (JavaScript string length): 1 MiB.
 * The exporter drops (and counts) a span whose record would be longer, so a reader can refuse a longer entry as
 * foreign before parsing it: any process with access to Redis can push a 50 MB string into a trace's list. Spans
 * QueueOtel records are far below it (a few hundred bytes; the sanitizer cuts attribute values at 1000 characters).
 */
export const MAX_SPAN_RECORD_LENGTH = 1024 * 1024;

/**
 * The longest record, in bytes, the store's read scripts send to a reader; a longer one is blanked in Redis (counted
 * as skipped), so a 50 MB foreign entry does not cross the network. Redis measures bytes, the limit above UTF-16
 * units: UTF-8 takes at most 3 bytes per unit (a 4-byte character is 2 units; an invalid sequence decodes to one
 * U+FFFD per at most 3 bytes), so a record of more bytes than this is surely longer than the limit, and one the
 * exporter wrote is never refused by Redis.
 */
export const MAX_SPAN_RECORD_BYTES = 3 * MAX_SPAN_RECORD_LENGTH;

function withAttributes<T extends unknown[]>(tuple: T, attributes: TraceAttributes): unknown[] {
  return Object.keys(attributes).length > 0 ? [...tuple, attributes] : tuple;
}

/** Serialises `span` without its trace id. */
export function encodeSpan(span: StoredSpan): string {
  const row: Row = { i: span.spanId };
  if (span.parentSpanId) row.p = span.parentSpanId;
  if (span.parentIsRemote) row.r = 1;
  row.n = span.name;
  row.k = Math.max(0, KINDS.indexOf(span.kind));
  row.s = span.startUs;
  row.e = span.endUs;
  if (span.status !== 'unset') row.c = STATUSES.indexOf(span.status);
  if (span.statusMessage) row.m = span.statusMessage;
  row.v = span.serviceName;
  if (Object.keys(span.attributes).length > 0) row.a = span.attributes;
  if (span.events.length > 0) row.x = span.events.map((e) => withAttributes([e.name, e.timeUs], e.attributes));
  if (span.links.length > 0) row.l = span.links.map((l) => withAttributes([l.traceId, l.spanId], l.attributes));
  if (span.scope) {
    const { name, version, schemaUrl } = span.scope;
    row.o = schemaUrl ? [name, version ?? '', schemaUrl] : version ? [name, version] : [name];
  }
  return JSON.stringify(row);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
/** A time in µs the span model can hold exactly: a non-negative integer up to 2^53. */
const isMicros = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const SPAN_ID = /^[0-9a-f]{16}$/;
const TRACE_ID = /^[0-9a-f]{32}$/;
const isSpanId = (value: unknown): value is string => isString(value) && SPAN_ID.test(value);
const isTraceIdText = (value: unknown): value is string => isString(value) && TRACE_ID.test(value);

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || isNumber(value);
}

/** A value the span model can hold (a primitive, or a homogeneous array of them), else undefined. */
function attributeValue(value: unknown): TraceAttributeValue | undefined {
  if (isPrimitive(value)) return value;
  if (!Array.isArray(value)) return undefined;
  const first: unknown = value[0];
  if (value.length > 0 && !isPrimitive(first)) return undefined;
  const type = typeof first;
  for (const item of value) if (typeof item !== type || !isPrimitive(item)) return undefined;
  return value as TraceAttributeValue;
}

/** The entries of a stored attribute object that fit the span model; others (nested objects, nulls, mixed arrays) are left out. */
function asAttributes(value: unknown): TraceAttributes {
  const attributes: TraceAttributes = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return attributes;
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const kept = attributeValue(raw);
    if (kept !== undefined) attributes[key] = kept;
  }
  return attributes;
}

const asTuples = (value: unknown): unknown[][] =>
  Array.isArray(value) ? value.filter((item): item is unknown[] => Array.isArray(item)) : [];

function decodeScope(value: unknown): StoredScope | undefined {
  if (!Array.isArray(value) || !isString(value[0])) return undefined;
  const scope: StoredScope = { name: value[0] };
  if (isString(value[1]) && value[1] !== '') scope.version = value[1];
  if (isString(value[2]) && value[2] !== '') scope.schemaUrl = value[2];
  return scope;
}

/**
 * Parses a record written by {@link encodeSpan}. Returns undefined for anything malformed (a foreign or
 * corrupted entry must not break reading the rest of the trace): longer than {@link MAX_SPAN_RECORD_LENGTH}, not a
 * JSON object, a span id that is not
 * 16 hex digits, no name, or start/end that are not integers in 0..2^53 µs. Parts that do not fit the span
 * model are left out of an otherwise good record: a malformed parent id (the span becomes a root), events
 * with a bad time, links with bad ids, attribute values that are not primitives or homogeneous arrays.
 */
export function decodeSpan(traceId: string, json: string): StoredSpan | undefined {
  // Before JSON.parse: parsing (and keeping) a huge foreign entry is the cost the bound exists to avoid.
  if (json.length > MAX_SPAN_RECORD_LENGTH) return undefined;
  let row: Row;
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    row = parsed as Row;
  } catch {
    return undefined;
  }
  if (!isSpanId(row.i) || !isString(row.n) || !isMicros(row.s) || !isMicros(row.e)) return undefined;
  const span: StoredSpan = {
    traceId,
    spanId: row.i,
    name: row.n,
    kind: KINDS[isNumber(row.k) ? row.k : 0] ?? 'internal',
    startUs: row.s,
    endUs: Math.max(row.e, row.s),
    status: STATUSES[isNumber(row.c) ? row.c : 0] ?? 'unset',
    serviceName: isString(row.v) ? row.v : 'unknown_service',
    attributes: asAttributes(row.a),
    events: asTuples(row.x)
      .filter((t) => isString(t[0]) && isMicros(t[1]))
      .map((t) => ({ name: t[0] as string, timeUs: t[1] as number, attributes: asAttributes(t[2]) })),
    links: asTuples(row.l)
      .filter((t) => isTraceIdText(t[0]) && isSpanId(t[1]))
      .map((t) => ({ traceId: t[0] as string, spanId: t[1] as string, attributes: asAttributes(t[2]) })),
  };
  if (isSpanId(row.p)) span.parentSpanId = row.p;
  if (row.r === 1) span.parentIsRemote = true;
  if (isString(row.m)) span.statusMessage = row.m;
  const scope = decodeScope(row.o);
  if (scope) span.scope = scope;
  return span;
}
