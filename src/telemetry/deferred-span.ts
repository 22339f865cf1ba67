import { INVALID_SPAN_CONTEXT, ROOT_CONTEXT, SpanStatusCode, trace } from '../otel-api';
import { LIGHT_ROOT } from '../context';
import type { Attributes, AttributeValue, Context, Exception, Link, Span, SpanContext, SpanStatus, TimeInput } from '@opentelemetry/api';
import { BullmqAttributes, BullmqNativeAttributes, errorTypeOf } from '../vocabulary';
import type { AttemptOutcome } from '../vocabulary';
import type { JobFacts, JobLike } from './job-facts';
import { isAttributes } from './policy-span';
import type { ServerAddress } from './server-address';
import type { SpanCore } from './span-core';
import type { SpanStart } from './start-templates';
import { spanFailure } from './span-failure';
import type { SpanFailure } from './span-failure';

/** A Map, not an object: an error's name is anyone's text, and `constructor` must not find a prototype member. */
const CONTROL_FLOW_ERRORS = new Map<string, AttemptOutcome>([
  ['DelayedError', 'delayed'],
  ['WaitingChildrenError', 'waiting_children'],
  ['WaitingError', 'delayed'],
  ['RateLimitError', 'rate_limited'],
]);

/** What a span method of BullMQ's runs on when the tracer provider failed to start the real span. */
const BROKEN_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** Producer operations whose BullMQ callback only writes the job: nothing in it needs their context. */
const WRITE_ONLY_OPERATIONS = new Set(['add', 'addBulk']);

/**
 * A span handed to BullMQ that starts the real OpenTelemetry span as late as possible.
 *
 * BullMQ creates spans with nothing but a name and a kind, and sets attributes afterwards. Sampling
 * decisions, though, are made when a span starts. Deferring the start until the span is first needed
 * (its context is read, the job is attached, or it ends) lets the sampler see the queue, job name and
 * attempt. The start time is taken when BullMQ asks for the span, so timings are unaffected.
 *
 * It implements OpenTelemetry's `Span` too, because BullMQ puts it into the context that the job's
 * handler runs in: `trace.getActiveSpan()` in a handler returns this object.
 *
 * It filters nothing itself: a recording real span comes from `startPolicySpan`, which puts everything
 * handed to it through the attribute policy.
 */
export class DeferredSpan implements Span {
  private span: Span | undefined;
  private pending: Attributes = {};
  private facts: JobFacts | undefined;
  private error: unknown;
  private failedReason: string | undefined;
  private ended = false;
  /** The job of an untraced attempt, read when it ends to tell a retry from a final failure. */
  private untracedJob: Pick<JobLike, 'finishedOn'> | undefined;
  /** Outcome of the attempt, set by the operation that settles it. */
  outcome: AttemptOutcome | undefined;
  /** How the real span started, when the core started a recording one (see start-templates.ts). */
  started: SpanStart | undefined;
  /** The Redis server of the instance the span is for (set by the tracer when it knows the instance). */
  server: ServerAddress | undefined;
  /**
   * A send whose jobs have create spans of their own, so a CLIENT span: an `addBulk` with `createSpans`, their contexts,
   * linked from this span; a flow's `addFlow`/`addBulkFlows`, none (its `addNode` spans start after it).
   */
  creationLinks: readonly SpanContext[] | undefined;
  /** The `error.type` of a failed operation or attempt, once the span ended; undefined when it did not fail. */
  errorType: string | undefined;

  constructor(
    readonly core: SpanCore<DeferredSpan>,
    readonly operation: string,
    readonly destination: string,
    readonly bullmqKind: number,
    readonly parent: Context | undefined,
    readonly startTime: number,
    /**
     * A span that never records and is never handed to the sampler: the process span of an unsampled job in a `lean`
     * worker, never put into the active context either (see untraced-run.ts); or the `add` by which a Worker schedules
     * a job scheduler's next iteration, which writes no context into that job (see src/hooks/iteration-scheduler.ts).
     */
    readonly untraced = false,
  ) {}

  /** The queue the span belongs to: BullMQ's attribute once set (if it is text), else the destination in its name. */
  get queue(): string {
    const name = this.pending[BullmqNativeAttributes.queueName];
    return typeof name === 'string' ? name : this.destination;
  }

  /** Whether this is a job's process span. */
  get isProcess(): boolean {
    return this.operation === 'process';
  }

  /**
   * Whether BullMQ may run the operation without entering this span's context: an unsampled `add` or
   * `addBulk`, whose callback only writes the job to Redis (its metadata is already built), so entering
   * the context would change nothing anyone can see, yet costs a context switch.
   */
  get contextOptional(): boolean {
    return this.span !== undefined && this.isWriteOnly && !this.span.isRecording();
  }

  /** Whether this is a send (`add`, `addBulk`): an operation whose callback only writes jobs to Redis. */
  get isWriteOnly(): boolean {
    return WRITE_ONLY_OPERATIONS.has(this.operation);
  }

  /** BullMQ: returns `ctx` with this span active. Starting is not needed for that. */
  setSpanOnContext(ctx: Context): Context {
    try {
      // A producer outside any trace hands BullMQ the API's empty context: the light one is the same, one node cheaper.
      return trace.setSpan(ctx === ROOT_CONTEXT ? LIGHT_ROOT : ctx, this);
    } catch (error) {
      this.core.hookFailed('Span.setSpanOnContext', error);
      return ctx;
    }
  }

  spanContext(): SpanContext {
    return this.materialize().spanContext();
  }

  setAttribute(key: string, value: AttributeValue): this {
    return this.setAttributes({ [key]: value });
  }

  setAttributes(attributes: Attributes): this {
    if (this.ended) return this;
    // Everything BullMQ sets is kept (unfiltered, in memory only) and, if the span records, goes
    // through the attribute policy once when it ends (see SpanCore.decorate).
    try {
      Object.assign(this.pending, attributes);
    } catch (error) {
      this.core.hookFailed('Span.setAttributes', error);
    }
    return this;
  }

  addEvent(name: string, attributesOrTime?: Attributes | TimeInput, time?: TimeInput): this {
    if (this.ended) return this;
    try {
      this.recordEvent(name, attributesOrTime, time);
    } catch (error) {
      this.core.hookFailed('Span.addEvent', error);
    }
    return this;
  }

  private recordEvent(name: string, attributesOrTime: Attributes | TimeInput | undefined, time: TimeInput | undefined): void {
    if (name === 'job failed' && isAttributes(attributesOrTime)) {
      const reason = attributesOrTime[BullmqNativeAttributes.failedReason];
      this.failedReason = typeof reason === 'string' ? reason : 'unknown';
    } else if (name === 'job completed' && !this.outcome) {
      this.outcome = 'completed';
    }
    const span = this.materialize();
    if (span.isRecording()) span.addEvent(name, attributesOrTime, time);
  }

  addLink(link: Link): this {
    this.materialize().addLink(link);
    return this;
  }

  addLinks(links: Link[]): this {
    this.materialize().addLinks(links);
    return this;
  }

  setStatus(status: SpanStatus): this {
    this.materialize().setStatus(status);
    return this;
  }

  updateName(name: string): this {
    this.materialize().updateName(name);
    return this;
  }

  isRecording(): boolean {
    return !this.ended && this.materialize().isRecording();
  }

  recordException(exception: Exception, time?: TimeInput): void {
    if (this.ended) return;
    // From bullmq 6.7.6, BullMQ's handleFailed records the error the handler threw on the process span itself, the
    // object the worker hook already handed to captureError. QueueOtel records that error when the span ends (as
    // the exception-signal opt-in says), so BullMQ's copy would be a second event, or one `logs` should have dropped.
    if (typeof exception === 'object' && exception === this.error && this.isProcess) return;
    this.error ??= exception;
    try {
      const span = this.materialize();
      if (!span.isRecording()) return;
      // Only BullMQ records exceptions on other spans (the error its operation threw): those follow the
      // exception-signal opt-in, a span event or a log record or both. On a process span it is the handler's own
      // call, recorded as asked.
      if (this.isProcess) {
        span.recordException(exception, time);
        return;
      }
      // One time for the event and the record: BullMQ's, else now (the SDK would stamp each with its own now).
      this.core.recordFailure(this, span, exception, time ?? Date.now());
    } catch (error) {
      this.core.hookFailed('Span.recordException', error);
    }
  }

  /** Called by the worker hook with the job being processed, before the handler runs. */
  attachJob(facts: JobFacts, job?: Pick<JobLike, 'finishedOn'>): void {
    this.facts = facts;
    if (this.untraced) this.untracedJob = job;
    this.materialize();
    this.core.onJobAttached(this, facts);
  }

  /** Called by the worker hook with what the handler threw. */
  captureError(error: unknown): void {
    this.error = error;
    const ownName = (error as { name?: unknown } | null | undefined)?.name;
    const controlFlow = CONTROL_FLOW_ERRORS.get(typeof ownName === 'string' ? ownName : errorTypeOf(error));
    if (controlFlow) this.outcome = controlFlow;
  }

  /** Job facts, once the worker hook attached them. */
  get job(): JobFacts | undefined {
    return this.facts;
  }

  /** Attributes BullMQ set on the span (before and after it started), as given. */
  get pendingAttributes(): Attributes {
    return this.pending;
  }

  /**
   * Ends the real span. BullMQ calls this in a `finally` of its job processing, so it never throws: each
   * step that fails is reported and the next one still runs (the span still ends, observers still hear).
   */
  end(endTime?: TimeInput): void {
    if (this.ended) return;
    const span = this.materialize();
    try {
      const recording = span.isRecording();
      // The outcome and error type feed the metrics of unsampled jobs too; the rest only decorates a recording span.
      // Any other operation failed when BullMQ recorded the error it threw (a send to an unreachable Redis, a Lua
      // or validation error).
      const failed = this.isProcess ? this.settleAttempt() : this.error !== undefined;
      if (failed) this.errorType = this.error === undefined ? '_OTHER' : errorTypeOf(this.error);
      if (recording) {
        const failure = failed ? spanFailure(this.error, this.errorType ?? '_OTHER', this.failedReason) : undefined;
        // The outcome and error attributes join the rest in the span's one pass through the policy.
        this.core.decorate(this, span, this.isProcess ? this.attemptAttributes(failure) : failure?.attributes);
        if (failure) {
          // BullMQ's own recordException already put the exception of another operation on it (or logged it).
          span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
          // The status first: nothing the exception's event or log record meets can cost the span its status. The
          // attempt's exception is at its end, the same time on the event and the log record.
          if (this.isProcess) this.core.recordFailure(this, span, failure.exception, endTime ?? Date.now());
        }
      }
    } catch (error) {
      this.core.hookFailed('Span.end', error);
    }
    this.ended = true;
    try {
      span.end(endTime);
    } catch (error) {
      this.core.hookFailed('Span.end', error);
    }
    try {
      this.core.onEnd(this, span);
    } catch (error) {
      this.core.hookFailed('Span.end', error);
    }
  }

  /** Settles the attempt's outcome; returns whether it failed. */
  private settleAttempt(): boolean {
    const failed = this.failedReason !== undefined || this.outcome === 'failed' || this.outcome === 'retried';
    if (failed) this.outcome ??= this.untraced ? this.untracedFailure() : 'failed';
    return failed;
  }

  private attemptAttributes(failure: SpanFailure | undefined): Attributes | undefined {
    const attributes = failure?.attributes;
    if (!this.outcome) return attributes;
    if (!attributes) return { [BullmqAttributes.outcome]: this.outcome };
    attributes[BullmqAttributes.outcome] = this.outcome;
    return attributes;
  }

  /**
   * An untraced attempt has no settle operation in its context to say whether it will be retried:
   * BullMQ sets `finishedOn` only when a job fails for good, so a failure without one is a retry.
   */
  private untracedFailure(): AttemptOutcome {
    const finishedOn = this.untracedJob?.finishedOn;
    const startedAt = this.facts?.startedAt ?? 0;
    return typeof finishedOn === 'number' && finishedOn >= startedAt ? 'failed' : 'retried';
  }

  /** The real span, started on first need; a non-recording one if the tracer provider fails to start it. */
  private materialize(): Span {
    if (!this.span) {
      try {
        this.span = this.core.start(this);
      } catch (error) {
        this.core.hookFailed('Span.start', error);
        this.span = BROKEN_SPAN;
      }
    }
    return this.span;
  }
}
