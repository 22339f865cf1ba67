/**
 * Reading and writing the trace context stored in `job.opts.telemetry.metadata` (BullMQ's `tm`).
 *
 * The format is the one bullmq-otel and BullMQ's other ports write: a JSON object of W3C headers,
 * `{"traceparent":"00-<32 hex>-<16 hex>-<2 hex>"}` plus `tracestate` when set. Staying on it keeps
 * one trace across mixed deployments. Decoding is defensive: the metadata comes from Redis, may have
 * been written by anything, and must never fail or slow down a job. The opt-in compact format
 * (compact-metadata.ts) is read here too, as the equivalent `traceparent`.
 */
import type { PropagationFailureReason } from '../vocabulary';
import { decodeCompactMetadata, isCompactMetadata } from './compact-metadata';

/** Longest metadata string QueueOtel will parse; anything longer is rejected without parsing. */
export const MAX_METADATA_LENGTH = 4096;


/** The W3C headers found in a metadata string. */
export interface TraceCarrier {
  traceparent: string;
  tracestate?: string;
}

/** Result of {@link decodeMetadata}: the carrier, or the reason it is unusable. */
export type DecodeResult = { ok: true; carrier: TraceCarrier } | { ok: false; reason: PropagationFailureReason };

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-[^\s]*)?$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);
const MAX_TRACESTATE_LENGTH = 512;
const CANONICAL_PREFIX = '{"traceparent":"';
/** `{"traceparent":"00-<32>-<16>-<2>"}`: the prefix, 55 characters of header, and the closing `"}`. */
const CANONICAL_LENGTH = CANONICAL_PREFIX.length + 55 + 2;

/**
 * Checks a `traceparent` header against W3C Trace Context level 1: version `ff` is invalid, version
 * `00` has exactly four fields, later versions may append fields, ids may not be all zeros.
 */
export function validateTraceparent(value: string): PropagationFailureReason | undefined {
  const match = TRACEPARENT.exec(value);
  if (!match) return 'invalid_traceparent';
  const [, version, traceId, spanId, , rest] = match;
  if (version === 'ff') return 'unsupported_version';
  if (version === '00' && rest !== undefined) return 'invalid_traceparent';
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return 'invalid_traceparent';
  return undefined;
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
    const flags = compact.traceFlags.toString(16).padStart(2, '0');
    return { ok: true, carrier: { traceparent: `00-${compact.traceId}-${compact.spanId}-${flags}` } };
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
  return { ok: true, carrier };
}

/** Serialises injected headers the way every BullMQ telemetry port reads them. */
export function encodeMetadata(carrier: Record<string, string>): string {
  return JSON.stringify(carrier);
}
