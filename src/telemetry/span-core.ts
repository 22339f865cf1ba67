import type { Attributes, Exception, Span } from '@opentelemetry/api';
import type { DeferredSpan } from './deferred-span';
import type { JobFacts } from './job-facts';

/** What a {@link DeferredSpan} needs from the tracer that created it. */
export interface SpanCore {
  /** Starts the real span for a deferred one, choosing name, parent, links and start attributes. */
  start(span: DeferredSpan): Span;
  /** Sets everything BullMQ, the hooks and the job facts gave a recording span, through the policy, once. */
  decorate(span: DeferredSpan, real: Span): void;
  /** Called once the worker hook attached a job (adds the queue-wait span). */
  onJobAttached(span: DeferredSpan, facts: JobFacts): void;
  /** Called after a deferred span ended. */
  onEnd(span: DeferredSpan, real: Span): void;
  /** The attribute policy applied to everything BullMQ or the hooks set. */
  filterAttributes(attributes: Attributes): Attributes;
  /** The policy applied to exception messages and stacks. */
  filterException(exception: Exception): Exception;
  /** The policy applied to free text such as status messages. */
  filterText(text: string): string;
  /** Reports a failure of QueueOtel's own work inside a span method BullMQ called (rate-limited). */
  hookFailed(where: string, error: unknown): void;
}
