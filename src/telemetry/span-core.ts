import type { Attributes, Span } from '@opentelemetry/api';
import type { DeferredSpan } from './deferred-span';
import type { JobFacts } from './job-facts';

/** What a {@link DeferredSpan} needs from the tracer that created it. */
export interface SpanCore {
  /**
   * Starts the real span for a deferred one, choosing name, parent, links and start attributes. A
   * recording span it returns applies the attribute policy to everything set on it (see startPolicySpan).
   */
  start(span: DeferredSpan): Span;
  /**
   * Sets everything BullMQ, the hooks and the job facts gave a recording span, plus the attempt's
   * `ending` attributes, through the policy, once.
   */
  decorate(span: DeferredSpan, real: Span, ending?: Attributes): void;
  /** Called once the worker hook attached a job (adds the queue-wait span). */
  onJobAttached(span: DeferredSpan, facts: JobFacts): void;
  /** Called after a deferred span ended. */
  onEnd(span: DeferredSpan, real: Span): void;
  /** Reports a failure of QueueOtel's own work inside a span method BullMQ called (rate-limited). */
  hookFailed(where: string, error: unknown): void;
}
