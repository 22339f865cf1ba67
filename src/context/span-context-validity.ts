import { isValidSpanId, isValidTraceId } from '../otel-api';
import type { SpanContext } from '@opentelemetry/api';

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
  if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return false;
  lastTraceId = traceId;
  lastSpanId = spanId;
  return true;
}
