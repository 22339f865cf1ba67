import { INVALID_SPANID, INVALID_TRACEID } from '../otel-api';
import type { SpanContext } from '@opentelemetry/api';

/**
 * The API's rule for ids (`isValidTraceId`, `isValidSpanId`): text of exactly 32 (16) hexadecimal digits, either case,
 * not all zeros. Tested with regular expressions rather than the API's `charCodeAt` loop: a process that subclasses
 * `String` (ioredis 6 does) leaves `String.prototype` in V8's dictionary mode, where each `charCodeAt` read is an
 * uncached lookup (docs/performance.md). A test holds the two to the same verdicts.
 */
const TRACE_ID = /^[0-9a-fA-F]{32}$/;
const SPAN_ID = /^[0-9a-fA-F]{16}$/;

/** The ids found valid last: always text once set, so that missing ids never match them. */
let lastTraceId: string | undefined;
let lastSpanId: string | undefined;

/**
 * `isSpanContextValid` of the API, remembering the ids it found valid last. One job's parent is checked about five
 * times (by the worker's lean check, by the start of its process and wait spans, by the sampler for each), always
 * the same two strings: the next checks compare pointers instead of reading 48 characters again. Validity is a
 * function of the ids alone, so a context whose ids changed is checked afresh.
 */
export function isValidSpanContext(spanContext: SpanContext): boolean {
  const { traceId, spanId } = spanContext;
  if (lastTraceId !== undefined && traceId === lastTraceId && spanId === lastSpanId) return true;
  if (typeof traceId !== 'string' || typeof spanId !== 'string') return false;
  if (!TRACE_ID.test(traceId) || traceId === INVALID_TRACEID || !SPAN_ID.test(spanId) || spanId === INVALID_SPANID) return false;
  lastTraceId = traceId;
  lastSpanId = spanId;
  return true;
}
