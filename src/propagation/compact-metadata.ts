/**
 * The opt-in compact trace metadata format (`metadataFormat: 'compact'`).
 *
 * BullMQ stores `tm` inside the job hash's `opts` JSON. The W3C JSON carrier adds 85 bytes there,
 * which pushes `opts` of a small job past Redis' `hash-max-listpack-value` (64 bytes) and turns the
 * whole hash from the compact listpack encoding into a hashtable: about 3x the memory per waiting job.
 * The compact form carries the same span context in 37 characters:
 *
 *     "~<flags: 2 hex><trace id + span id: 24 bytes as 32 base64url characters>"
 *
 * The surrounding double quotes are part of the value on purpose: the value is a valid JSON string,
 * so readers that only know the JSON carrier (older QueueOtel, bullmq-otel) parse it without throwing
 * and find no `traceparent` in it: the job starts a new trace instead of failing. Only the trace
 * context is carried: `tracestate`, baggage and other propagators' fields do not fit, so a context with
 * one (or any context, with a propagator other than W3C trace context) is written in the JSON format.
 */
import type { PropagationFailureReason } from '../vocabulary';
import { areValidW3cIds, traceFlagsHex, ZERO_SPAN, ZERO_TRACE } from './w3c-ids';

/** First characters of every compact metadata value. */
export const COMPACT_PREFIX = '"~';
/** Length of every compact metadata value. */
export const COMPACT_LENGTH = 37;

/** A span context read from compact metadata. */
export interface CompactSpanContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

/** Result of {@link decodeCompactMetadata}. */
export type CompactDecodeResult = ({ ok: true } & CompactSpanContext) | { ok: false; reason: PropagationFailureReason };

const COMPACT = /^"~([0-9a-f]{2})([A-Za-z0-9_-]{32})"$/;

/** Whether `metadata` is in the compact format (valid or not); cheap enough for every job. False for a non-string. */
export function isCompactMetadata(metadata: unknown): boolean {
  return typeof metadata === 'string' && metadata.startsWith(COMPACT_PREFIX);
}

/**
 * Encodes a span context; undefined when the ids are not valid W3C ids (the caller then writes
 * nothing, like the JSON path does for an invalid context).
 * @example encodeCompactMetadata('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7', 1) // '"~01S_kvNXezTaajzpKdDg5HNgDwZ6oLqQK3"'
 */
export function encodeCompactMetadata(traceId: string, spanId: string, traceFlags: number): string | undefined {
  if (!areValidW3cIds(traceId, spanId)) return undefined;
  return `"~${traceFlagsHex(traceFlags)}${Buffer.from(traceId + spanId, 'hex').toString('base64url')}"`;
}

/** Decodes compact metadata; never throws. Malformed values are `invalid_traceparent`, other types `not_a_string`. */
export function decodeCompactMetadata(metadata: unknown): CompactDecodeResult {
  if (typeof metadata !== 'string') return { ok: false, reason: 'not_a_string' };
  const match = COMPACT.exec(metadata);
  if (!match) return { ok: false, reason: 'invalid_traceparent' };
  const ids = Buffer.from(match[2]!, 'base64url').toString('hex');
  const traceId = ids.slice(0, 32);
  const spanId = ids.slice(32);
  if (ids.length !== 48 || traceId === ZERO_TRACE || spanId === ZERO_SPAN) return { ok: false, reason: 'invalid_traceparent' };
  return { ok: true, traceId, spanId, traceFlags: Number.parseInt(match[1]!, 16) };
}
