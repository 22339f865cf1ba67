import type { Meter } from 'bullmq';
import type { Sanitizer } from '../sanitize';
import type { AttemptOutcome, PropagationDirection, PropagationFailureReason } from '../vocabulary';

/**
 * One finished processing attempt, as metrics and other observers see it. Durations are seconds, undefined when
 * not known (a stall seen by a QueueEvents observer has no processing time). `traceId`/`spanId` are set only when
 * the attempt's span was sampled, so that exemplars point at traces that exist.
 */
export interface AttemptReport {
  queue: string;
  jobName: string;
  outcome: AttemptOutcome;
  processSeconds: number | undefined;
  waitSeconds: number | undefined;
  /** Enqueue to the job's final outcome; set for `completed` and `failed` (for good) only. */
  endToEndSeconds: number | undefined;
  /** The `error.type` of a failed attempt (the thrown error's class, `_OTHER` when unknown); undefined otherwise. */
  errorType: string | undefined;
  traceId: string | undefined;
  spanId: string | undefined;
}

/** Jobs of one name handed to Redis (or attempted, when `errorType` is set) by one producer operation. */
export interface SendReport {
  queue: string;
  jobName: string;
  count: number;
  /** BullMQ's operation (`add`, `addBulk`, `addNode`), the span's `messaging.operation.name`. */
  operation: string;
  /** The `error.type` of a send that failed; undefined when it succeeded. */
  errorType: string | undefined;
  traceId: string | undefined;
  spanId: string | undefined;
}

/**
 * One messaging operation a producer client ran against Redis (operation type `send`: `add`, `addBulk`, `addFlow`,
 * `addNode`, `addBulkFlows`, `retryJobs`), with its span's duration.
 */
export interface OperationReport {
  /** The queue; empty for operations on several queues (`addBulkFlows`). */
  queue: string;
  operation: string;
  durationSeconds: number;
  /** The `error.type` of an operation that failed; undefined when it succeeded. */
  errorType: string | undefined;
  traceId: string | undefined;
  spanId: string | undefined;
}

/** Which side of BullMQ started a span: a producer, a worker's process span, or BullMQ's INTERNAL operations. */
export type SpanComponent = 'producer' | 'worker' | 'internal';

/**
 * Receives what a QueueOtel sees: the one interface through which add-ons (the metrics, the health metrics, your
 * own) learn about jobs and spans. Every member is optional and called synchronously on BullMQ's path, so it must
 * be cheap; one that throws is reported (rate-limited) and never breaks BullMQ. Register it with the `metrics`
 * option or `otel.addObserver()`.
 */
export interface TelemetryObserver {
  /** A producer span that handed jobs to Redis ended (one report per job name). */
  onSent?(report: SendReport): void;
  /** A producer operation's span ended (after its `onSent` reports). */
  onOperationEnd?(report: OperationReport): void;
  /** A processing attempt ended: in this process, or seen by a QueueEvents observer (stalls, uninstrumented workers). */
  onAttemptEnd?(report: AttemptReport): void;
  /** QueueOtel started a span for BullMQ (not for jobs a `lean` worker runs untraced). */
  onSpanStart?(component: SpanComponent, operation: string): void;
  /** Trace metadata could not be written into (`inject`) or read from (`extract`) a job. */
  onPropagationFailure?(direction: PropagationDirection, reason: PropagationFailureReason): void;
  /** The first span of a queue started (reported for at most 1000 queues). */
  onQueueSeen?(queue: string): void;
  /**
   * The QueueOtel's sanitizer (its `sanitize` option), handed once when the observer is added, before any report:
   * names in reports are raw, and an observer that exports them (metric labels) redacts them with it, so they hide
   * what the spans hide. Not called for a QueueOtel with `sanitize: false`.
   */
  onSanitizer?(sanitizer: Sanitizer): void;
}

/**
 * What the `metrics` option of QueueOtel takes: an observer that may also bring BullMQ's `Meter`, which then becomes
 * QueueOtel's `meter` (BullMQ's own metrics). `QueueMetrics` from `queue-otel/metrics` is one.
 */
export interface MetricsObserver extends TelemetryObserver {
  /** BullMQ's meter, for BullMQ's native metrics. */
  readonly meter?: Meter | undefined;
}
