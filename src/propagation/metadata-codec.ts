/**
 * Reading and writing the trace context stored in `job.opts.telemetry.metadata` (BullMQ's `tm`).
 *
 * The format is the one bullmq-otel and BullMQ's other ports write: a JSON object of W3C headers,
 * `{"traceparent":"00-<32 hex>-<16 hex>-<2 hex>"}` plus `tracestate` when set, and whatever else the
 * propagator writes (`baggage`, B3's fields). Staying on it keeps one trace across mixed deployments. Decoding is defensive: the metadata comes from Redis, may have
 * been written by anything, and must never fail or slow down a job. The opt-in compact format
 * (compact-metadata.ts) is read here too, as the equivalent `traceparent`.
 */
import type { PropagationFailureReason } from '../vocabulary';
import { decodeCompactMetadata, isCompactMetadata } from './compact-metadata';
import { formatTraceparent } from './w3c-ids';

/**
 * Longest metadata string QueueOtel will parse; anything longer is rejected without parsing. Room for a
 * `traceparent`, a `tracestate` and a baggage of the W3C limit ({@link MAX_EXTRA_FIELDS_LENGTH}).
 */
export const MAX_METADATA_LENGTH = 10_240;
/**
 * Most characters of values, besides `traceparent` and `tracestate`, passed on to the propagator: the W3C
 * baggage limit (8192 bytes). Fields past it are dropped (`too_long`).
 */
export const MAX_EXTRA_FIELDS_LENGTH = 8192;
/** Most fields, besides `traceparent` and `tracestate`, passed on to the propagator; later ones are dropped (`too_long`). */
export const MAX_EXTRA_FIELDS = 32;

/**
 * The headers found in a metadata string: the validated W3C `traceparent`, `tracestate`, and the
 * propagator's other fields (`baggage`, B3's ...), string values only.
 */
export interface TraceCarrier {
  traceparent: string;
  tracestate?: string;
  [field: string]: string | undefined;
}

/**
 * Result of {@link decodeMetadata}: the carrier, or the reason it is unusable. `dropped` says why some
 * fields besides `traceparent` were left out of a usable carrier (not a string, over the limits).
 */
export type DecodeResult =
  | { ok: true; carrier: TraceCarrier; dropped?: PropagationFailureReason }
  | { ok: false; reason: PropagationFailureReason };

/** `vv-<32 hex>-<16 hex>-<2 hex>`: the length of a version-00 header. */
const VERSION_00_LENGTH = 55;
/** The four fields every version starts with, lowercase hex between dashes. */
const FIELDS = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}/;
/** What a later version may append: `-` and anything but whitespace. */
const EXTENSION = /^.{55}-\S*$/;
const MAX_TRACESTATE_LENGTH = 512;
const CANONICAL_PREFIX = '{"traceparent":"';
/** `{"traceparent":"00-<32>-<16>-<2>"}`: the prefix, 55 characters of header, and the closing `"}`. */
const CANONICAL_LENGTH = CANONICAL_PREFIX.length + 55 + 2;

/**
 * Checks a `traceparent` header against W3C Trace Context level 1: version `ff` is invalid, version
 * `00` has exactly four fields, later versions may append fields, ids may not be all zeros. Lowercase hex only.
 * It runs for every traced job. Regular expressions' `test` (no match array, no substrings) rather than string
 * methods: a process that subclasses `String` (ioredis 6 does) leaves `String.prototype` in V8's dictionary mode, and
 * every `value.charCodeAt` read is then an uncached lookup, about 130 instructions per character (docs/performance.md).
 */
export function validateTraceparent(value: string): PropagationFailureReason | undefined {
  if (typeof value !== 'string' || value.length < VERSION_00_LENGTH || !FIELDS.test(value)) return 'invalid_traceparent';
  const extended = value.length > VERSION_00_LENGTH;
  if (extended && !EXTENSION.test(value)) return 'invalid_traceparent';
  // Characters by index, not by string method (see above).
  if (value[0] === 'f' && value[1] === 'f') return 'unsupported_version';
  if (extended && value[0] === '0' && value[1] === '0') return 'invalid_traceparent';
  // The trace id is characters 3 to 34, the span id 36 to 51.
  if (zerosOnly(value, 3, 32) || zerosOnly(value, 36, 16)) return 'invalid_traceparent';
  return undefined;
}

/**
 * Whether the `length` characters of `value` from `start` are all `0`. By index: a random id is told apart at its first
 * character or two, where a regular expression costs a match of its own (about 1,800 instructions per header).
 */
function zerosOnly(value: string, start: number, length: number): boolean {
  const end = start + length;
  for (let i = start; i < end; i++) if (value[i] !== '0') return false;
  return true;
}

/**
 * Parses a metadata string into W3C headers, or says why it cannot be used. Never throws: the value comes
 * from Redis, so it may be of any type (`not_a_string`), any size and any content.
 */
export function decodeMetadata(metadata: unknown): DecodeResult {
  if (typeof metadata !== 'string') return { ok: false, reason: 'not_a_string' };
  if (metadata.length > MAX_METADATA_LENGTH) return { ok: false, reason: 'too_long' };
  if (isCompactMetadata(metadata)) {
    const compact = decodeCompactMetadata(metadata);
    if (!compact.ok) return compact;
    return { ok: true, carrier: { traceparent: formatTraceparent(compact.traceId, compact.spanId, compact.traceFlags) } };
  }
  // The shape every QueueOtel and bullmq-otel producer writes without tracestate: read it without
  // JSON.parse, which shows up in profiles of unsampled jobs.
  if (metadata.length === CANONICAL_LENGTH && metadata.startsWith(CANONICAL_PREFIX) && metadata.endsWith('"}')) {
    const traceparent = metadata.slice(CANONICAL_PREFIX.length, -2);
    const invalid = validateTraceparent(traceparent);
    return invalid ? { ok: false, reason: invalid } : { ok: true, carrier: { traceparent } };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(metadata);
  } catch {
    return { ok: false, reason: 'not_json' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'not_object' };
  const record = parsed as Record<string, unknown>;
  const traceparent = record.traceparent;
  if (typeof traceparent !== 'string') return { ok: false, reason: 'missing_traceparent' };
  const invalid = validateTraceparent(traceparent);
  if (invalid) return { ok: false, reason: invalid };
  const carrier: TraceCarrier = { traceparent };
  const tracestate = record.tracestate;
  if (typeof tracestate === 'string' && tracestate.length <= MAX_TRACESTATE_LENGTH) carrier.tracestate = tracestate;
  const dropped = copyOtherFields(record, carrier);
  return dropped === undefined ? { ok: true, carrier } : { ok: true, carrier, dropped };
}

/**
 * Copies the string fields of `record` other than `traceparent` and `tracestate` (baggage, another
 * propagator's headers) into `carrier`, within {@link MAX_EXTRA_FIELDS} and {@link MAX_EXTRA_FIELDS_LENGTH};
 * returns why something was left out, if it was. The work is bounded by the metadata's length.
 */
function copyOtherFields(record: Record<string, unknown>, carrier: TraceCarrier): PropagationFailureReason | undefined {
  let dropped: PropagationFailureReason | undefined;
  let fields = 0;
  let length = 0;
  for (const key in record) {
    // Own keys only (a polluted Object.prototype adds nothing); `__proto__` would not be a field on the carrier.
    if (key === 'traceparent' || key === 'tracestate' || key === '__proto__' || !Object.hasOwn(record, key)) continue;
    const value = record[key];
    if (typeof value !== 'string') {
      dropped ??= 'not_a_string';
    } else if (fields === MAX_EXTRA_FIELDS || length + value.length > MAX_EXTRA_FIELDS_LENGTH) {
      dropped ??= 'too_long';
    } else {
      fields++;
      length += value.length;
      carrier[key] = value;
    }
  }
  return dropped;
}

/** Serialises injected headers the way every BullMQ telemetry port reads them. */
export function encodeMetadata(carrier: Record<string, string>): string {
  return JSON.stringify(carrier);
}
