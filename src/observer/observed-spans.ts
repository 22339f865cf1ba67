import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags } from '../otel-api';
import type { Attributes, Context, Link, Span } from '@opentelemetry/api';
import type { AttributePolicy, ObservationHost, ServerAddress } from '../telemetry';
import { BullmqAttributes, BullmqNativeAttributes, categorizeFailure, ErrorAttributes, MESSAGING_SYSTEM, MessagingAttributes, ServerAttributes } from '../vocabulary';
import type { JobSnapshot } from './job-snapshot';

/** Ids of a recorded span, set only when it was sampled (exemplars must point at traces that exist). */
export interface RecordedIds {
  traceId: string | undefined;
  spanId: string | undefined;
}

/** The `error.type` of a stalled attempt, on its span and in the metrics. */
export const STALL_ERROR_TYPE = 'stalled';

function idsOf(span: Span): RecordedIds {
  const ctx = span.spanContext();
  const sampled = (ctx.traceFlags & TraceFlags.SAMPLED) !== 0;
  return { traceId: sampled ? ctx.traceId : undefined, spanId: sampled ? ctx.spanId : undefined };
}

/**
 * Builds the spans an observer reconstructs from queue events and job hashes. They carry
 * `bullmq.observed: true` and only keys QueueOtel already documents, so a sanitizer allowlist built from
 * docs/spans.md keeps them. Job names, ids, worker names and failed reasons are user data: every span
 * starts through QueueOtel's attribute policy (or the observer's own), which also filters whatever is set on it afterwards.
 */
export class ObservedSpans {
  constructor(
    private readonly host: ObservationHost,
    /** The observer's own policy (its `sanitizer` option); QueueOtel's when undefined. */
    private readonly policy: AttributePolicy | undefined,
    /**
     * The Redis server of the QueueEvents (read once per observer), for `server.address` and `server.port` on the
     * consumer spans, as QueueOtel's own process spans carry their Worker's; undefined when its connection says nothing usable.
     */
    private readonly server?: ServerAddress,
  ) {}

  /** Where a job's spans hang: the producer's span (per the queue's propagation mode), else a new root. */
  private placement(queue: string, snapshot: JobSnapshot): { parent: Context; links: Link[] } {
    if (snapshot.metadata === undefined) return { parent: ROOT_CONTEXT, links: [] };
    const extracted = this.host.extract(snapshot.metadata);
    if (!extracted) return { parent: ROOT_CONTEXT, links: [] };
    const remote = trace.getSpanContext(extracted);
    if (!remote) return { parent: ROOT_CONTEXT, links: [] };
    const mode = this.host.propagationFor(queue);
    // As QueueOtel's own process spans: a child of the creation context that also links to it.
    if (mode === 'child') return { parent: extracted, links: [{ context: remote }] };
    return { parent: trace.deleteSpan(extracted), links: mode === 'link' ? [{ context: remote }] : [] };
  }

  private base(queue: string, jobId: string, snapshot: JobSnapshot, operation: string): Attributes {
    const attributes: Attributes = {
      [MessagingAttributes.system]: MESSAGING_SYSTEM,
      [MessagingAttributes.destinationName]: queue,
      [MessagingAttributes.operationName]: operation,
      [MessagingAttributes.operationType]: 'process',
      [MessagingAttributes.messageId]: jobId,
      [BullmqAttributes.jobId]: jobId,
      [BullmqAttributes.jobName]: snapshot.name,
      [BullmqAttributes.observed]: true,
    };
    if (snapshot.processedBy !== undefined) attributes[BullmqNativeAttributes.workerName] = snapshot.processedBy;
    if (this.server !== undefined) {
      attributes[ServerAttributes.address] = this.server.address;
      if (this.server.port !== undefined) attributes[ServerAttributes.port] = this.server.port;
    }
    return attributes;
  }

  /**
   * A stall: the attempt that stopped renewing its lock, from its start (when still known) to the moment
   * the stalled checker moved it. It stands for that processing attempt (operation type `process`), so it is a
   * CONSUMER span, named by its operation `stalled` to tell it from attempts that ended in the worker. `stalledAt` is the event's Redis time; `startedAt` the Redis time of
   * the attempt's `active` event, when the observer saw it.
   */
  stall(queue: string, jobId: string, snapshot: JobSnapshot, stalledAt: number, startedAt: number | undefined): RecordedIds {
    // If another worker already picked the job up again, processedOn and ats belong to that new attempt.
    const restarted = snapshot.processedOn !== undefined && snapshot.processedOn > stalledAt;
    const attempt = Math.max(1, restarted ? snapshot.attemptsStarted - 1 : snapshot.attemptsStarted);
    const fromHash = !restarted && snapshot.processedOn !== undefined ? snapshot.processedOn : stalledAt;
    const start = Math.min(startedAt ?? fromHash, stalledAt);
    const willFail = snapshot.deferredFailure !== undefined;
    const { parent, links } = this.placement(queue, snapshot);
    const attributes = this.base(queue, jobId, snapshot, 'stalled');
    attributes[BullmqAttributes.attempt] = attempt;
    attributes[BullmqAttributes.stalled] = Math.max(1, snapshot.stalledCounter);
    attributes[BullmqAttributes.outcome] = 'stalled';
    attributes[BullmqAttributes.failureCategory] = 'lock_lost';
    attributes[ErrorAttributes.errorType] = STALL_ERROR_TYPE;
    const span = this.start('stalled', queue, SpanKind.CONSUMER, attributes, start, parent, links);
    span.addEvent('job stalled', { [BullmqAttributes.stalled]: Math.max(1, snapshot.stalledCounter) }, stalledAt);
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: willFail
        ? 'job stalled more than allowed: its worker stopped renewing the lock; the job will fail'
        : 'job stalled: its worker stopped renewing the lock (died or blocked); moved back to wait',
    });
    span.end(Math.max(start, stalledAt));
    return idsOf(span);
  }

  /**
   * The final attempt of a job an uninstrumented worker processed: a process span from `processedOn` to
   * `finishedOn` (or the event's time), and for a first attempt a wait span from enqueue (or end of
   * delay) to `processedOn`. Returns the process span's ids and whether a wait span was recorded.
   */
  processed(queue: string, jobId: string, snapshot: JobSnapshot, failed: boolean, finishedAt: number): RecordedIds & { wait: boolean } {
    const end = snapshot.finishedOn ?? finishedAt;
    const start = Math.min(snapshot.processedOn ?? end, end);
    const attempt = Math.max(1, snapshot.attemptsStarted, snapshot.attemptsMade);
    const readyAt = snapshot.timestamp !== undefined ? snapshot.timestamp + snapshot.delay : undefined;
    const waitMs = attempt === 1 && readyAt !== undefined && snapshot.processedOn !== undefined ? Math.max(0, snapshot.processedOn - readyAt) : undefined;
    const attributes: Attributes = {
      ...this.base(queue, jobId, snapshot, 'process'),
      [BullmqAttributes.attempt]: attempt,
      [BullmqAttributes.outcome]: failed ? 'failed' : 'completed',
    };
    if (snapshot.stalledCounter > 0) attributes[BullmqAttributes.stalled] = snapshot.stalledCounter;
    if (waitMs !== undefined) attributes[BullmqAttributes.waitMs] = waitMs;
    const { parent, links } = this.placement(queue, snapshot);
    const span = this.start('process', queue, SpanKind.CONSUMER, attributes, start, parent, links);
    if (failed) this.markFailed(span, snapshot.failedReason ?? 'unknown', end);
    // Unsampled process span: no wait span either (QueueOtel's own wait spans follow the same rule).
    const recording = span.isRecording();
    span.end(end);
    let wait = false;
    if (this.host.queueWaitSpan && waitMs !== undefined && readyAt !== undefined && recording) {
      // Beside the process span under the same parent, as QueueOtel's own wait spans are; under the
      // process span when there is no parent, so the two stay in one trace.
      const waitParent = trace.getSpanContext(parent) ? parent : trace.setSpan(ROOT_CONTEXT, span);
      // No `messaging.*`: waiting is no messaging operation (docs/spans.md).
      const waitAttributes: Attributes = {
        [BullmqNativeAttributes.queueName]: queue,
        [BullmqAttributes.jobId]: jobId,
        [BullmqAttributes.jobName]: snapshot.name,
        [BullmqAttributes.waitMs]: waitMs,
        [BullmqAttributes.observed]: true,
      };
      const waitSpan = this.start('wait', queue, SpanKind.INTERNAL, waitAttributes, readyAt, waitParent);
      waitSpan.end(readyAt + waitMs);
      wait = true;
    }
    return { ...idsOf(span), wait };
  }

  private start(operation: string, queue: string, kind: SpanKind, attributes: Attributes, startTime: number, parent: Context, links?: Link[]): Span {
    const request = { operation, queue, kind, attributes, startTime };
    return this.host.startSpan(links === undefined ? request : { ...request, links }, parent, this.policy);
  }

  /** The span applies the policy to the reason in each place it goes (see startPolicySpan). */
  private markFailed(span: Span, reason: string, end: number): void {
    // Only the message survives in Redis, so the class is unknown: `_OTHER`, as the conventions ask.
    span.setAttributes({
      [ErrorAttributes.errorType]: '_OTHER',
      [BullmqAttributes.failureCategory]: categorizeFailure('_OTHER', reason),
    });
    const exception = { [ErrorAttributes.exceptionType]: '_OTHER', [ErrorAttributes.exceptionMessage]: reason };
    // The job failed when it ended, earlier than now, when the observer sees it: its events and log record say so.
    if (this.host.exceptionEvents) span.addEvent('exception', exception, end);
    if (span.isRecording()) this.host.logException?.('process', span, exception, this.policy, end);
    span.addEvent('job failed', { [BullmqNativeAttributes.failedReason]: reason }, end);
    span.setStatus({ code: SpanStatusCode.ERROR, message: reason });
  }
}
