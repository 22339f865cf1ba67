import type { Meter } from 'bullmq';
import { checkOptionNames } from '../options/option-names';
import type { Sanitizer } from '../sanitize';
import type { QueueSampler } from '../sampling';
import type { AttemptReport, MetricsObserver, OperationReport, SendReport, SpanComponent } from '../telemetry';
import { isFinalOutcome, isRecordedOutcome, MESSAGING_SYSTEM } from '../vocabulary';
import type { PropagationDirection, PropagationFailureReason, RecordedOutcome } from '../vocabulary';
import { activeSampledSpanIds } from './active-span-ids';
import { createBullmqMeter } from './bullmq-meter';
import type { BullmqMeterOptions } from './bullmq-meter';
import { exemplarLabelsFor } from './exemplar-labels';
import { createQueueInstruments } from './instruments';
import type { AttemptLabelName, OperationLabelName, QueueInstruments, SentLabelName } from './instruments';
import { LabelRedactor } from './label-redaction';
import type { LabelSanitizeOptions } from './label-redaction';
import { BoundedLabelValues, DEFAULT_MAX_QUEUES, QueueLabelLimiter } from './label-values';
import type { LabelLimits } from './label-values';
import { QueueDepthPoller } from './queue-depth';
import type { QueueCountsSource } from './queue-depth';
import { createOpenMetricsRegistry } from './registry';
import type { MetricsRegistry } from './registry';
import { TracingHealthMetrics } from './tracing-health-metrics';

/** Options of {@link QueueMetrics}. */
export interface QueueMetricsOptions extends LabelLimits, LabelSanitizeOptions {
  /**
   * Registry to record on. Its content type is left as it is: give an OpenMetrics registry
   * (`registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE)`) to expose exemplars.
   * @default a new registry with the OpenMetrics content type
   */
  registry?: MetricsRegistry;
  /**
   * Histogram buckets in seconds, shared by the three duration histograms.
   * @default DEFAULT_DURATION_BUCKETS (5 ms to 10 min)
   */
  buckets?: readonly number[];
  /**
   * Refresh interval of the `queue_otel_queue_jobs` gauge, in milliseconds.
   * @default 15000
   */
  queueDepthIntervalMs?: number;
  /**
   * Ids of the active span, if sampled, for exemplars on BullMQ's native metrics (see createBullmqMeter).
   * @default the active span's ids when it is sampled (BullMQ records inside the job's span context)
   */
  activeSpanIds?: BullmqMeterOptions['activeSpanIds'];
  /**
   * The head sampler in use (e.g. `setupTracing().sampler`, or the QueueSampler of your SDK): its rates are exported
   * as `queue_otel_sampling_ratio`, per queue QueueOtel sees and on every change.
   */
  sampler?: QueueSampler;
  /**
   * The health metrics of the tracing itself (`queue_otel_spans_created_total` ...) fed by what QueueOtel reports: a TracingHealthMetrics
   * of your own, or `false` for none.
   * @default a new TracingHealthMetrics on the same registry (with `sampler`, and `maxQueues` for its sampling-ratio gauge)
   */
  health?: TracingHealthMetrics | false;
}

/** Every option of {@link QueueMetrics}, so that a misspelt one is refused (typed: a new option must be added). */
const QUEUE_METRICS_OPTIONS: Readonly<Record<keyof QueueMetricsOptions, true>> = {
  registry: true, buckets: true, queueDepthIntervalMs: true, activeSpanIds: true, sampler: true, health: true,
  maxQueues: true, maxJobNames: true, maxErrorTypes: true, sanitize: true,
};

/** Distinct `messaging_operation_name` values kept: BullMQ has a handful of producer operations. */
const MAX_OPERATION_NAMES = 16;

/** The ids of the span an observation belongs to; both must be present and valid for an exemplar. */
export interface SpanIds {
  /** W3C trace id (32 hex). Omit for unsampled jobs: no exemplar is attached. */
  traceId?: string | undefined;
  /** W3C span id (16 hex). Omit for unsampled jobs. */
  spanId?: string | undefined;
}

/** One `Queue.add` / `addBulk` (or flow add) seen by the producer. */
export interface SentObservation extends SpanIds {
  /** Queue name (`messaging_destination_name`). */
  queue: string;
  /** Job name (`bullmq_job_name`), folded beyond `maxJobNames`. */
  jobName: string;
  /** How many jobs were added. @default 1 */
  count?: number;
  /** BullMQ's operation (`messaging_operation_name`): `add`, `addBulk`, `addNode`. @default 'add' */
  operation?: string | undefined;
  /** The error's class when the send failed (`error_type`); omit for a send that succeeded. */
  errorType?: string | undefined;
}

/** One producer operation against Redis, timed. */
export interface OperationObservation extends SpanIds {
  /** Queue name (`messaging_destination_name`); empty for an operation on several queues (then no such label). */
  queue: string;
  /** BullMQ's operation (`messaging_operation_name`): `add`, `addBulk`, `addFlow`, `addNode`, `addBulkFlows` ... */
  operation: string;
  /** Its duration → `messaging_client_operation_duration_seconds`. */
  durationSeconds: number;
  /** The error's class when it failed (`error_type`). */
  errorType?: string | undefined;
}

/** One attempt of a job seen by the worker. Durations are in seconds; omitted ones are not observed. */
export interface AttemptObservation extends SpanIds {
  /** Queue name (`messaging_destination_name`). */
  queue: string;
  /** Job name (`bullmq_job_name`), folded beyond `maxJobNames`. */
  jobName: string;
  /** How the attempt ended (the outcomes the metrics count; see `RECORDED_OUTCOMES`). */
  outcome: RecordedOutcome;
  /** Processing time of this attempt → `messaging_process_duration_seconds`. */
  processSeconds?: number | undefined;
  /** Enqueue (or end of delay) to start of processing → `queue_otel_job_wait_duration_seconds`. */
  waitSeconds?: number | undefined;
  /**
   * Enqueue to final outcome → `queue_otel_job_end_to_end_duration_seconds`. Observed only when `outcome` is
   * `completed` or `failed` (failed for good): a retried or stalled attempt is no outcome of the job, and is ignored.
   */
  endToEndSeconds?: number | undefined;
  /** The error's class for a failed or retried attempt (`error_type`); omit for one that did not fail. */
  errorType?: string | undefined;
}

/**
 * Queue metrics with trace exemplars on a prom-client registry: duration histograms in seconds, job
 * counters and a queue-depth gauge, labelled by queue, job name and outcome with bounded cardinality.
 * Every observation that comes with valid `traceId` and `spanId` carries them as exemplar labels
 * (`trace_id`, `span_id`); one without them (an unsampled job) carries no exemplar.
 *
 * Give it to QueueOtel as its `metrics`: it is the QueueOtel's {@link MetricsObserver}, so every send and attempt
 * is recorded, the health metrics of the tracing ({@link QueueMetrics.health}) are kept on the same registry, and
 * {@link QueueMetrics.meter}, a BullMQ `Meter` on the same registry, becomes BullMQ's meter for its own metrics.
 * @example
 * const metrics = new QueueMetrics({ sampler, maxJobNames: 50 });
 * const telemetry = new QueueOtel({ metrics });
 * const worker = new Worker('emails', processor, { connection, telemetry });
 * metrics.trackQueue(new Queue('emails', { connection }));
 * http.createServer(metricsHandler(metrics.registry)).listen(9464);
 */
export class QueueMetrics implements MetricsObserver {
  /** The registry everything is recorded on (the given one, or the OpenMetrics one created). */
  readonly registry: MetricsRegistry;
  /** BullMQ `Meter` recording BullMQ's native metrics on {@link registry} (see createBullmqMeter). */
  readonly meter: Meter;
  /** The health metrics of the tracing itself, on {@link registry} unless given another (undefined with `health: false`). */
  readonly health: TracingHealthMetrics | undefined;
  readonly #instruments: QueueInstruments;
  readonly #limiter: QueueLabelLimiter;
  readonly #redactor: LabelRedactor;
  readonly #operations: BoundedLabelValues;
  readonly #depth: QueueDepthPoller;
  /** Whether {@link health} was created here (not given): then {@link close} closes it. */
  readonly #ownsHealth: boolean;

  constructor(options: QueueMetricsOptions = {}) {
    // A misspelt name (`max_queues`, `bucket`) did nothing and left the option meant at its default.
    checkOptionNames(options, QUEUE_METRICS_OPTIONS, 'QueueMetrics');
    this.registry = options.registry ?? createOpenMetricsRegistry();
    // One redactor for every label: the limiter's names, BullMQ's meter (which shares the limiter) and the operations.
    this.#redactor = new LabelRedactor(options.sanitize);
    this.#limiter = new QueueLabelLimiter(options, this.#redactor);
    this.#operations = new BoundedLabelValues(MAX_OPERATION_NAMES, this.#redactor);
    this.#instruments = createQueueInstruments(this.registry, options.buckets);
    this.meter = createBullmqMeter(this.registry, { limiter: this.#limiter, activeSpanIds: options.activeSpanIds ?? activeSampledSpanIds });
    this.#ownsHealth = options.health === undefined;
    this.health =
      options.health === false
        ? undefined
        : (options.health ??
          new TracingHealthMetrics({
            registry: this.registry,
            maxQueues: options.maxQueues ?? DEFAULT_MAX_QUEUES,
            ...(options.sanitize !== undefined ? { sanitize: options.sanitize } : {}),
            ...(options.sampler ? { sampler: options.sampler } : {}),
          }));
    this.#depth = new QueueDepthPoller(
      this.#instruments.queueJobs,
      this.#instruments.queueJobsRefreshErrors,
      this.#limiter,
      options.queueDepthIntervalMs,
    );
  }

  /** Counts jobs a producer added, or tried to (`messaging_client_sent_messages_total`). */
  recordSent(observation: SentObservation): void {
    const count = observation.count ?? 1;
    if (!Number.isFinite(count) || count <= 0) return;
    const { queue, jobName } = this.#limiter.labels(observation.queue, observation.jobName);
    const labels: Partial<Record<SentLabelName, string>> = {
      messaging_system: MESSAGING_SYSTEM,
      messaging_operation_name: this.#operation(observation.operation ?? 'add'),
      messaging_destination_name: queue,
      bullmq_job_name: jobName,
    };
    if (observation.errorType !== undefined) labels.error_type = this.#limiter.errorType(observation.errorType);
    this.#instruments.sent.inc(labels, count, exemplarLabelsFor(observation.traceId, observation.spanId));
  }

  /** Times a producer operation (`messaging_client_operation_duration_seconds`); a negative or non-finite one is skipped. */
  recordOperation(observation: OperationObservation): void {
    const seconds = observation.durationSeconds;
    if (!Number.isFinite(seconds) || seconds < 0) return;
    const labels: Partial<Record<OperationLabelName, string>> = { messaging_system: MESSAGING_SYSTEM, messaging_operation_name: this.#operation(observation.operation) };
    // An operation on several queues (addBulkFlows) has no destination: the label is left out, as the conventions do.
    if (observation.queue !== '') labels.messaging_destination_name = this.#limiter.queue(observation.queue);
    if (observation.errorType !== undefined) labels.error_type = this.#limiter.errorType(observation.errorType);
    this.#instruments.operationDuration.observe(labels, seconds, exemplarLabelsFor(observation.traceId, observation.spanId));
  }

  /** BullMQ's operation names are a small fixed set; anything else (a future BullMQ's) is bounded like a name. */
  #operation(operation: string): string {
    return this.#operations.value(operation);
  }

  /**
   * Records one attempt: the consumed counter and the outcome's counter, plus each duration given (the end-to-end
   * time for a final outcome only).
   * Negative or non-finite durations are skipped (clock skew between hosts can make a wait negative).
   */
  recordAttempt(observation: AttemptObservation): void {
    const { queue, jobName } = this.#limiter.labels(observation.queue, observation.jobName);
    const outcome = observation.outcome;
    const jobLabels = { messaging_destination_name: queue, bullmq_job_name: jobName, outcome };
    const attemptLabels: Partial<Record<AttemptLabelName, string>> = { messaging_system: MESSAGING_SYSTEM, messaging_operation_name: 'process', ...jobLabels };
    if (observation.errorType !== undefined) attemptLabels.error_type = this.#limiter.errorType(observation.errorType);
    const exemplar = exemplarLabelsFor(observation.traceId, observation.spanId);
    const i = this.#instruments;
    i.consumed.inc(attemptLabels, 1, exemplar);
    const outcomeCounter = { completed: i.completed, retried: i.retried, failed: i.failed, stalled: i.stalled }[outcome];
    outcomeCounter?.inc({ messaging_destination_name: queue, bullmq_job_name: jobName }, 1, exemplar);
    const valid = (seconds: number | undefined): seconds is number => seconds !== undefined && Number.isFinite(seconds) && seconds >= 0;
    if (valid(observation.processSeconds)) i.processDuration.observe(attemptLabels, observation.processSeconds, exemplar);
    if (valid(observation.waitSeconds)) i.waitDuration.observe(jobLabels, observation.waitSeconds, exemplar);
    // One observation per job: a retried or stalled attempt goes back to the queue, its job has no outcome yet.
    if (isFinalOutcome(outcome) && valid(observation.endToEndSeconds)) {
      i.endToEndDuration.observe(jobLabels, observation.endToEndSeconds, exemplar);
    }
  }

  /**
   * Keeps `queue_otel_queue_jobs{messaging_destination_name,state}` up to date for `queue` (refreshed now, then on
   * the interval). Returns a function that stops tracking it. Queues folded into `__other__` report no depth. A
   * queue closed while tracked is untracked at its next refresh (a BullMQ `Queue` says so through `closing`).
   */
  trackQueue(queue: QueueCountsSource): () => void {
    return this.#depth.track(queue);
  }

  /** Refreshes the queue-depth gauge now (for example right before a scrape in a short-lived job). Never rejects. */
  refreshQueueDepth(): Promise<void> {
    return this.#depth.refresh();
  }

  /** TelemetryObserver: counts the jobs a producer span handed (or tried to hand) to Redis. */
  onSent(report: SendReport): void {
    this.recordSent(report);
  }

  /** TelemetryObserver: times a producer operation. */
  onOperationEnd(report: OperationReport): void {
    this.recordOperation(report);
  }

  /**
   * TelemetryObserver: records an attempt that ended with one of the outcomes the metrics count (moved to delayed,
   * waiting for children or rate limited are neither success nor failure, and are not counted).
   */
  onAttemptEnd(report: AttemptReport): void {
    const outcome = report.outcome;
    if (isRecordedOutcome(outcome)) this.recordAttempt({ ...report, outcome });
  }

  /** TelemetryObserver: counted by the health metrics. */
  onSpanStart(component: SpanComponent, operation: string): void {
    this.health?.onSpanStart(component, operation);
  }

  /** TelemetryObserver: counted by the health metrics. */
  onPropagationFailure(direction: PropagationDirection, reason: PropagationFailureReason): void {
    this.health?.onPropagationFailure(direction, reason);
  }

  /**
   * TelemetryObserver: the sanitizer of the QueueOtel this is given to. Labels are redacted with it (and by the
   * health metrics) unless the `sanitize` option was given or an earlier QueueOtel handed its own.
   */
  onSanitizer(sanitizer: Sanitizer): void {
    this.#redactor.adopt(sanitizer);
    this.health?.onSanitizer(sanitizer);
  }

  /** TelemetryObserver: the health metrics export the sampler's rate for the queue. */
  onQueueSeen(queue: string): void {
    this.health?.onQueueSeen(queue);
  }

  /**
   * Stops the queue-depth timer and, for health metrics it created, their listeners on the sampler (which would keep
   * this QueueMetrics alive as long as the sampler). The registry and its metrics stay, so a last scrape still works.
   */
  close(): Promise<void> {
    if (this.#ownsHealth) this.health?.close();
    return this.#depth.close();
  }
}

