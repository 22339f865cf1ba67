import { defaultTextMapGetter, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import type { Attributes, Context, Link, Span, TextMapPropagator, Tracer } from '@opentelemetry/api';
import { decodeCompactMetadata, decodeMetadata, isCompactMetadata, isUnsampledMetadata, unsampledRemoteContext } from '../propagation';
import { BullmqAttributes, ErrorAttributes, MessagingAttributes } from '../telemetry/attributes';
import { categorizeFailure } from '../telemetry/failure-category';
import type { PropagationMode } from '../telemetry/options';
import type { JobSnapshot } from './job-snapshot';

/** What the span builder needs from QueueOtel. */
export interface SpanHost {
  tracer(): Tracer;
  propagator(): TextMapPropagator;
  propagationFor(queue: string): PropagationMode;
  /** Whether QueueOtel emits `wait {queue}` spans (`queueWaitSpan`). */
  queueWaitSpan: boolean;
}

/** Ids of a recorded span, set only when it was sampled (exemplars must point at traces that exist). */
export interface RecordedIds {
  traceId: string | undefined;
  spanId: string | undefined;
}

const WORKER_NAME = 'bullmq.worker.name';
const STALL_ERROR_TYPE = 'stalled';

function idsOf(span: Span): RecordedIds {
  const ctx = span.spanContext();
  const sampled = (ctx.traceFlags & TraceFlags.SAMPLED) !== 0;
  return { traceId: sampled ? ctx.traceId : undefined, spanId: sampled ? ctx.spanId : undefined };
}

/**
 * Builds the spans an observer reconstructs from queue events and job hashes. They carry
 * `bullmq.observed: true` and only keys QueueOtel already documents, so a sanitizer allowlist built from
 * docs/spans.md keeps them.
 */
export class ObservedSpans {
  constructor(
    private readonly host: SpanHost,
    private readonly sanitize: (text: string) => string,
  ) {}

  /** Where a job's spans hang: the producer's span (per the queue's propagation mode), else a new root. */
  private placement(queue: string, snapshot: JobSnapshot): { parent: Context; links: Link[] } {
    if (snapshot.metadata === undefined) return { parent: ROOT_CONTEXT, links: [] };
    const extracted = this.extract(snapshot.metadata);
    if (!extracted) return { parent: ROOT_CONTEXT, links: [] };
    const remote = trace.getSpanContext(extracted);
    if (!remote) return { parent: ROOT_CONTEXT, links: [] };
    const mode = this.host.propagationFor(queue);
    if (mode === 'child') return { parent: extracted, links: [] };
    return { parent: trace.deleteSpan(extracted), links: mode === 'link' ? [{ context: remote }] : [] };
  }

  /** The producer's context from any metadata format QueueOtel writes (JSON carrier, compact, `"0"`). */
  private extract(metadata: string): Context | undefined {
    // The producer decided not to sample the job: an unsampled parent keeps that decision.
    if (isUnsampledMetadata(metadata)) return unsampledRemoteContext();
    if (isCompactMetadata(metadata)) {
      const compact = decodeCompactMetadata(metadata);
      if (!compact.ok) return undefined;
      const { traceId, spanId, traceFlags } = compact;
      return trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags, isRemote: true });
    }
    const decoded = decodeMetadata(metadata);
    return decoded.ok ? this.host.propagator().extract(ROOT_CONTEXT, decoded.carrier, defaultTextMapGetter) : undefined;
  }

  private base(queue: string, jobId: string, snapshot: JobSnapshot, operation: string): Attributes {
    const attributes: Attributes = {
      [MessagingAttributes.system]: 'bullmq',
      [MessagingAttributes.destinationName]: queue,
      [MessagingAttributes.operationName]: operation,
      [MessagingAttributes.operationType]: 'process',
      [MessagingAttributes.messageId]: jobId,
      [BullmqAttributes.jobId]: jobId,
      [BullmqAttributes.jobName]: snapshot.name,
      [BullmqAttributes.observed]: true,
    };
    if (snapshot.processedBy !== undefined) attributes[WORKER_NAME] = snapshot.processedBy;
    return attributes;
  }

  /**
   * A stall: the attempt that stopped renewing its lock, from its start (when still known) to the moment
   * the stalled checker moved it. `stalledAt` is the event's Redis time; `startedAt` the Redis time of
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
    const span = this.host.tracer().startSpan(
      `stalled ${queue}`,
      {
        kind: SpanKind.INTERNAL,
        startTime: start,
        links,
        attributes: {
          ...this.base(queue, jobId, snapshot, 'stalled'),
          [BullmqAttributes.attempt]: attempt,
          [BullmqAttributes.stalled]: Math.max(1, snapshot.stalledCounter),
          [BullmqAttributes.outcome]: 'stalled',
          [BullmqAttributes.failureCategory]: 'lock_lost',
          [ErrorAttributes.errorType]: STALL_ERROR_TYPE,
        },
      },
      parent,
    );
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
    const span = this.host.tracer().startSpan(`process ${queue}`, { kind: SpanKind.CONSUMER, startTime: start, links, attributes }, parent);
    if (failed) this.markFailed(span, snapshot.failedReason ?? 'unknown');
    // Unsampled process span: no wait span either (QueueOtel's own wait spans follow the same rule).
    const recording = span.isRecording();
    span.end(end);
    let wait = false;
    if (this.host.queueWaitSpan && waitMs !== undefined && readyAt !== undefined && recording) {
      // Beside the process span under the same parent, as QueueOtel's own wait spans are; under the
      // process span when there is no parent, so the two stay in one trace.
      const waitParent = trace.getSpanContext(parent) ? parent : trace.setSpan(ROOT_CONTEXT, span);
      const waitSpan = this.host.tracer().startSpan(
        `wait ${queue}`,
        {
          kind: SpanKind.INTERNAL,
          startTime: readyAt,
          attributes: {
            [MessagingAttributes.system]: 'bullmq',
            [MessagingAttributes.destinationName]: queue,
            [MessagingAttributes.messageId]: jobId,
            [BullmqAttributes.jobName]: snapshot.name,
            [BullmqAttributes.waitMs]: waitMs,
            [BullmqAttributes.observed]: true,
          },
        },
        waitParent,
      );
      waitSpan.end(readyAt + waitMs);
      wait = true;
    }
    return { ...idsOf(span), wait };
  }

  private markFailed(span: Span, reason: string): void {
    const message = this.sanitize(reason);
    // Only the message survives in Redis, so the class is unknown: `_OTHER`, as the conventions ask.
    span.setAttributes({
      [ErrorAttributes.errorType]: '_OTHER',
      [BullmqAttributes.failureCategory]: categorizeFailure('_OTHER', reason),
    });
    span.addEvent('exception', { [ErrorAttributes.exceptionType]: '_OTHER', [ErrorAttributes.exceptionMessage]: message });
    span.addEvent('job failed', { 'bullmq.job.failed.reason': message });
    span.setStatus({ code: SpanStatusCode.ERROR, message });
  }
}
