import type { Attributes, Exception, Span, TimeInput } from '@opentelemetry/api';
import type { JobFacts } from './job-facts';

/**
 * What a deferred span (`S`, a DeferredSpan) needs from the tracer that created it. Generic so that this file does
 * not import the span class that imports it.
 */
export interface SpanCore<S> {
  /**
   * Records the exception of a failed operation on `real`, its recording span, at `time`, as
   * `OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN` says: an `exception` span event, a log record in the span's context (see
   * exception-logs.ts), or both. Status and `error.type` are the caller's, whatever the opt-in.
   */
  recordFailure(span: S, real: Span, exception: Exception, time: TimeInput): void;
  /**
   * Starts the real span for a deferred one, choosing name, parent, links and start attributes. A
   * recording span it returns applies the attribute policy to everything set on it (see startPolicySpan).
   */
  start(span: S): Span;
  /**
   * Sets everything BullMQ, the hooks and the job facts gave a recording span, plus the attempt's
   * `ending` attributes, through the policy, once.
   */
  decorate(span: S, real: Span, ending?: Attributes): void;
  /** Called once the worker hook attached a job (adds the queue-wait span). */
  onJobAttached(span: S, facts: JobFacts): void;
  /** Called after a deferred span ended. */
  onEnd(span: S, real: Span): void;
  /** Reports a failure of QueueOtel's own work inside a span method BullMQ called (rate-limited). */
  hookFailed(where: string, error: unknown): void;
}
