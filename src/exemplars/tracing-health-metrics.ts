import { Counter, Gauge } from 'prom-client';
import { BoundedLabelValues, OTHER_LABEL_VALUE } from './label-values';
import { LabelRedactor } from './label-redaction';
import type { LabelSanitizeOptions } from './label-redaction';
import type { Sanitizer } from '../sanitize';
import { getOrCreateMetric } from './registry';
import type { MetricsRegistry } from './registry';
import { createOpenMetricsRegistry } from './registry';
import { DEFAULT_MAX_HEALTH_LABEL_VALUES, TracingHealthMetricNames as Names } from './health-metric-names';
import type { QueueSampler } from '../sampling';
import type { SpanComponent, TelemetryObserver } from '../telemetry';
import { MessagingAttributes } from '../vocabulary';
import type { PropagationDirection, PropagationFailureReason } from '../vocabulary';

/** Options of {@link TracingHealthMetrics}. */
export interface TracingHealthMetricsOptions extends LabelSanitizeOptions {
  /**
   * Registry to record on; share the one of QueueMetrics to serve both from one endpoint.
   * @default a new OpenMetrics registry
   */
  registry?: MetricsRegistry;
  /**
   * Distinct values kept per label before folding into `__other__`.
   * @default 32
   */
  maxLabelValues?: number;
  /**
   * Distinct queues kept in `queue_otel_sampling_ratio`; the ratio of a later queue is not exported (folded into
   * `__other__`, it would show whichever queue's rate was written last). A QueueMetrics passes its own `maxQueues`,
   * so the gauge covers as many queues as its other metrics; with more queues than that, the two sets are the first
   * queues each saw (rate changes here, jobs there), which need not be the same queues.
   * @default maxLabelValues
   */
  maxQueues?: number;
  /**
   * The head sampler in use: its rate for each queue QueueOtel sees, and every change of rate, is exported as
   * `queue_otel_sampling_ratio`.
   */
  sampler?: QueueSampler;
}

/** The rate `sampler` samples a queue's new traces at (its own, or the default). */
function rateOf(sampler: QueueSampler, queue: string): number {
  return sampler.rateFor({ [MessagingAttributes.destinationName]: queue });
}

/**
 * Metrics about the tracing itself, so an SRE notices when traces go missing: spans created, export errors,
 * the configured sampling ratio, context propagation failures, dropped spans and trimmed span data. Every method is cheap,
 * never throws and bounds its label values (see {@link DEFAULT_MAX_HEALTH_LABEL_VALUES}).
 *
 * It is a TelemetryObserver: a QueueMetrics owns one on its registry, or add one to a QueueOtel of its own with
 * `otel.addObserver(health)`. The export side (setupTracing's `healthMetrics`) records export errors, drops and trims.
 * @example
 * const health = new TracingHealthMetrics({ registry: metrics.registry });
 * health.spanCreated('worker', 'process');
 * health.exportError('otlp', 'timeout');
 * health.setSamplingRatio('emails', 0.1);
 * health.propagationFailure('extract', 'invalid_traceparent');
 * health.spansDropped('buffer_full', 12);
 * health.spanDataTrimmed('attribute_values', 2);
 */
export class TracingHealthMetrics implements TelemetryObserver {
  /** The registry the health metrics are recorded on. */
  readonly registry: MetricsRegistry;
  readonly #spansCreated: Counter<'component' | 'operation'>;
  readonly #exportErrors: Counter<'backend' | 'error_type'>;
  readonly #samplingRatio: Gauge<'messaging_destination_name'>;
  readonly #propagationFailures: Counter<'direction' | 'reason'>;
  readonly #spansDropped: Counter<'reason'>;
  readonly #spanDataTrimmed: Counter<'kind'>;
  readonly #bounded: (label: string, value: unknown) => string;
  readonly #samplingQueues: BoundedLabelValues;
  readonly #sampler: QueueSampler | undefined;
  readonly #redactor: LabelRedactor;
  /**
   * Queues whose sampler rate is exported, by label, each as last named (before sanitizing): re-read when the default
   * rate changes. Keyed by label, not name: names that redact to one label (an email in each) share one series, and
   * the map stays within `maxQueues` however many such names QueueOtel reports.
   */
  readonly #ratioQueues = new Map<string, string>();
  /** Removes this instance's listeners from the sampler (see {@link close}). */
  readonly #detach: (() => void)[] = [];

  constructor(options: TracingHealthMetricsOptions = {}) {
    const registry = options.registry ?? createOpenMetricsRegistry();
    this.registry = registry;
    const limit = options.maxLabelValues ?? DEFAULT_MAX_HEALTH_LABEL_VALUES;
    // Queue names are the application's text: redacted as the queue's span names are. The other labels name this
    // package's components, operations and reasons, and exporters' error classes (an export endpoint's address
    // is no one's personal data), and are kept as they are.
    const redactor = new LabelRedactor(options.sanitize);
    this.#redactor = redactor;
    const perLabel = new Map<string, BoundedLabelValues>();
    // Keyed per metric and label, so one metric's reasons cannot use up another's budget.
    this.#bounded = (label, value) => {
      let values = perLabel.get(label);
      if (!values) perLabel.set(label, (values = new BoundedLabelValues(limit)));
      return values.value(value);
    };
    const counter = <L extends string>(name: string, help: string, labelNames: L[]): Counter<L> =>
      getOrCreateMetric(registry, name, Counter, { labelNames, exemplars: false }, () => new Counter<L>({ name, help, labelNames, registers: [registry] }));
    this.#spansCreated = counter(Names.spansCreated, 'Spans created by queue-otel, by component and operation.', ['component', 'operation']);
    this.#exportErrors = counter(Names.exportErrors, 'Failed span exports, by backend and error type.', ['backend', 'error_type']);
    this.#propagationFailures = counter(
      Names.propagationFailures,
      'Trace contexts that could not be injected into or extracted from a job.',
      ['direction', 'reason'],
    );
    this.#spansDropped = counter(Names.spansDropped, 'Spans dropped before export, by reason: buffer_full, rejected, fallback_failed, shutdown, trace_span_limit, replay_rejected.', ['reason']);
    this.#spanDataTrimmed = counter(
      Names.spanDataTrimmed,
      'Span data the SDK trimmed under its span limits, by kind: attributes, events, links, event_attributes, link_attributes, attribute_values.',
      ['kind'],
    );
    this.#samplingRatio = getOrCreateMetric(registry, Names.samplingRatio, Gauge, { labelNames: ['messaging_destination_name'], exemplars: false }, () =>
      new Gauge({ name: Names.samplingRatio, help: 'Configured head-sampling ratio per queue (0 to 1).', labelNames: ['messaging_destination_name'], registers: [registry] }),
    );
    this.#samplingQueues = new BoundedLabelValues(options.maxQueues ?? limit, redactor);
    this.#sampler = options.sampler;
    const sampler = options.sampler;
    if (sampler) {
      // The listeners' results are removers only from a QueueSampler that has them (an older copy returns nothing).
      const removers: unknown[] = [
        sampler.onRateChange((queue, rate) => this.#exportRate(queue, rate)),
        // A queue without a rate of its own is sampled at the default: its gauge follows the default's changes.
        sampler.onDefaultRateChange(() => {
          for (const queue of this.#ratioQueues.values()) this.setSamplingRatio(queue, rateOf(sampler, queue));
        }),
      ];
      for (const remove of removers) if (typeof remove === 'function') this.#detach.push(remove as () => void);
    }
  }

  /**
   * Stops following the sampler's rate changes: the sampler usually lives as long as the process, and its listeners
   * would keep these metrics (and their registry) alive. The metrics stay on the registry; idempotent.
   * {@link QueueMetrics.close} closes the health metrics it created.
   */
  close(): void {
    for (const remove of this.#detach.splice(0)) remove();
  }

  /** TelemetryObserver: counts the span. */
  onSpanStart(component: SpanComponent, operation: string): void {
    this.spanCreated(component, operation);
  }

  /** TelemetryObserver: counts the failure. */
  onPropagationFailure(direction: PropagationDirection, reason: PropagationFailureReason): void {
    this.propagationFailure(direction, reason);
  }

  /** TelemetryObserver: labels are redacted with the QueueOtel's sanitizer, unless `sanitize` was given (see QueueMetrics). */
  onSanitizer(sanitizer: Sanitizer): void {
    this.#redactor.adopt(sanitizer);
  }

  /** TelemetryObserver: exports the sampler's rate for a queue QueueOtel just saw (with a `sampler`). */
  onQueueSeen(queue: string): void {
    const sampler = this.#sampler;
    if (sampler) this.#exportRate(queue, rateOf(sampler, queue));
  }

  /** Exports the sampler's rate of `queue`, remembering the queue when the gauge kept it (bounded by `maxQueues`). */
  #exportRate(queue: string, rate: number): void {
    // The label is the one setSamplingRatio just admitted (a cached lookup).
    if (this.setSamplingRatio(queue, rate)) this.#ratioQueues.set(this.#samplingQueues.value(queue), queue);
  }

  /** Counts `count` spans created by `component` (producer, worker, flow...) for `operation` (add, process...). */
  spanCreated(component: string, operation: string, count = 1): void {
    if (!isPositive(count)) return;
    this.#spansCreated.inc({ component: this.#bounded('component', component), operation: this.#bounded('operation', operation) }, count);
  }

  /**
   * Counts one failed export to `backend` (an exporter label such as `otlp` or `fallback`, never a URL with credentials).
   * `errorType` is an error class or code (`timeout`, `ECONNREFUSED`, `http_503`), never a message.
   */
  exportError(backend: string, errorType: string, count = 1): void {
    if (!isPositive(count)) return;
    this.#exportErrors.inc({ backend: this.#bounded('backend', backend), error_type: this.#bounded('error_type', errorType) }, count);
  }

  /**
   * Sets the sampling ratio of `queueName`; clamped to [0, 1], non-numbers ignored. Call it when rates change.
   * Queues beyond `maxQueues` are not exported (see {@link TracingHealthMetricsOptions.maxQueues}).
   * @returns whether the ratio was exported
   */
  setSamplingRatio(queueName: string, ratio: number): boolean {
    if (!Number.isFinite(ratio)) return false;
    const queue = this.#samplingQueues.value(queueName);
    if (queue === OTHER_LABEL_VALUE) return false;
    this.#samplingRatio.set({ messaging_destination_name: queue }, Math.min(1, Math.max(0, ratio)));
    return true;
  }

  /** Counts a context that could not be written to (`inject`) or read from (`extract`) a job's metadata. */
  propagationFailure(direction: PropagationDirection, reason: string, count = 1): void {
    if (!isPositive(count)) return;
    this.#propagationFailures.inc({ direction: this.#bounded('direction', direction), reason: this.#bounded('propagation_reason', reason) }, count);
  }

  /**
   * Counts spans dropped for `reason`: `buffer_full`, `rejected`, `fallback_failed`, `shutdown` (exporter),
   * `trace_span_limit` (processor), `replay_rejected`. An open circuit drops nothing by itself: spans wait in the buffer.
   */
  spansDropped(reason: string, count = 1): void {
    if (!isPositive(count)) return;
    this.#spansDropped.inc({ reason: this.#bounded('dropped_reason', reason) }, count);
  }

  /**
   * Counts `count` items of `kind` the SDK trimmed from exported spans under its span limits, as a
   * TraceLimitSpanProcessor reports them: `attributes`, `events`, `links`, `event_attributes`, `link_attributes`,
   * `attribute_values` (string values cut to the length limit).
   */
  spanDataTrimmed(kind: string, count = 1): void {
    if (!isPositive(count)) return;
    this.#spanDataTrimmed.inc({ kind: this.#bounded('trim_kind', kind) }, count);
  }
}

function isPositive(count: number): boolean {
  return Number.isFinite(count) && count > 0;
}
