import { diag, SpanStatusCode } from '../otel-api';
import type { SpanStatus } from '@opentelemetry/api';

/**
 * The status a span takes when `setStatus` is called on it, by the SDK's rules: UNSET changes nothing and OK is
 * final (both give `undefined`, the status stays); an ERROR keeps its message only when that is text, and a message
 * of another type is dropped with the SDK's warning. `message` comes apart from `status` because the caller may have
 * filtered it.
 */
export function nextStatus(current: SpanStatus, status: SpanStatus, message: unknown): SpanStatus | undefined {
  if (status.code === SpanStatusCode.UNSET || current.code === SpanStatusCode.OK) return undefined;
  const next: SpanStatus = { code: status.code };
  if (status.code === SpanStatusCode.ERROR) {
    // A caught error is `any`: a message that is not text is dropped (and said so) rather than exported.
    if (typeof message === 'string') next.message = message;
    else if (message != null) diag.warn(`Dropping invalid status.message of type '${typeof message}', expected 'string'`);
  }
  return next;
}
