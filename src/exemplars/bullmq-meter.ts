import { Counter, Gauge, Histogram } from 'prom-client';
import type { Attributes, Counter as BullmqCounter, Gauge as BullmqGauge, Histogram as BullmqHistogram, Meter, MetricOptions } from 'bullmq';
import { diag } from '../otel-api';
import { BullmqNativeAttributes } from '../vocabulary';
import { exemplarLabelsFor } from './exemplar-labels';
import type { ExemplarLabelName, ExemplarLabels } from './exemplar-labels';
import { OTHER_LABEL_VALUE, QueueLabelLimiter, sanitizeLabelValue } from './label-values';
import type { LabelLimits } from './label-values';
import { LabelRedactor } from './label-redaction';
import type { LabelSanitizeOptions } from './label-redaction';
import { DEFAULT_DURATION_BUCKETS } from './metric-names';
import { counterRecorder, histogramRecorder } from './recorders';
import { getOrCreateMetric, isOpenMetrics } from './registry';
import type { MetricsRegistry } from './registry';
import { prometheusNameFor } from './bullmq-metric-names';

type NativeLabelName = 'messaging_destination_name' | 'bullmq_job_name' | 'state';
const NATIVE_LABELS: NativeLabelName[] = ['messaging_destination_name', 'bullmq_job_name', 'state'];

/** Options of {@link createBullmqMeter}. */
export interface BullmqMeterOptions extends LabelLimits, LabelSanitizeOptions {
  /**
   * Bounds (and redacts) queue and job-name labels; pass the one of a {@link QueueMetrics} to fold names the same way.
   * @default a new limiter built from `maxQueues` / `maxJobNames`, redacting with `sanitize`
   */
  limiter?: QueueLabelLimiter;
  /**
   * Returns the ids of the active span, if it is sampled. BullMQ records its metrics inside the job's span
   * context, so returning `trace.getActiveSpan()?.spanContext()` (when sampled) attaches exemplars.
   * @default no exemplars
   */
  activeSpanIds?: () => { traceId?: string | undefined; spanId?: string | undefined } | undefined;
}

/**
 * A BullMQ `Meter` recording BullMQ's native metrics (`telemetry.meter`) on a prom-client registry.
 *
 * - Names are BullMQ's as a Prometheus exporter writes them, `bullmq.<rest>` → `bullmq_<rest>` (dots → underscores),
 *   with `_total` for counters and, for time units, `_seconds` (values converted); QueueMetrics' own names never
 *   start with `bullmq_`, so nothing clashes: `bullmq.jobs.completed` → `bullmq_jobs_completed_total`,
 *   `bullmq.job.duration` (ms) → `bullmq_job_duration_seconds` (values divided by 1000), `bullmq.queue.jobs` →
 *   `bullmq_queue_jobs`.
 * - Attributes map to three bounded labels: `bullmq.queue.name` → `messaging_destination_name`,
 *   `bullmq.job.name` → `bullmq_job_name`, `bullmq.job.state` / `bullmq.queue.jobs.state` → `state`; every
 *   other attribute is dropped, so nothing unbounded becomes a label. Queue and job names are redacted like the
 *   span names of the same jobs (the limiter's redactor: `sanitize`, or QueueMetrics' own).
 * - Exemplars (OpenMetrics registries only) come from `activeSpanIds`.
 * - BullMQ calls `create*` on every record; instruments are cached by name. Recording never throws: BullMQ
 *   records while moving a job to completed/failed, and an exception there would fail the job.
 *   A name already registered with another definition (another type, other labels or buckets) is logged once
 *   through `diag.warn` and that BullMQ metric is not recorded.
 * @example
 * const meter = createBullmqMeter(registry);
 * new Worker('emails', processor, { connection, telemetry: { tracer, contextManager, meter } });
 */
export function createBullmqMeter(registry: MetricsRegistry, options: BullmqMeterOptions = {}): Meter {
  const limiter = options.limiter ?? new QueueLabelLimiter(options, new LabelRedactor(options.sanitize));
  const cache = new Map<string, BullmqCounter | BullmqHistogram | BullmqGauge>();
  const cached = <I extends BullmqCounter | BullmqHistogram | BullmqGauge>(key: string, make: () => I, none: I): I => {
    let instrument = cache.get(key);
    if (!instrument) {
      try {
        instrument = make();
      } catch (error) {
        // BullMQ creates instruments while it moves a job: a clash with a metric of the user's (same name, other
        // labels) must not fail the job. Logged once, as the no-op instrument is cached.
        try {
          diag.warn(`${error instanceof Error ? error.message : String(error)}; BullMQ's ${key} is not recorded`);
        } catch {
          // The application's diag logger threw: nothing of it may reach BullMQ's job move either.
        }
        instrument = none;
      }
      cache.set(key, instrument);
    }
    return instrument as I;
  };
  const labelsOf = (attributes: Attributes | undefined): Partial<Record<NativeLabelName, string>> => {
    const labels: Partial<Record<NativeLabelName, string>> = {};
    const queueName = attributes?.[BullmqNativeAttributes.queueName];
    const jobName = attributes?.[BullmqNativeAttributes.jobName];
    const state = attributes?.[BullmqNativeAttributes.jobState] ?? attributes?.[BullmqNativeAttributes.queueJobsState];
    if (queueName !== undefined && jobName !== undefined) {
      const bounded = limiter.labels(queueName, jobName);
      labels.messaging_destination_name = bounded.queue;
      labels.bullmq_job_name = bounded.jobName;
    } else if (queueName !== undefined) {
      labels.messaging_destination_name = limiter.queue(queueName);
    }
    // States come from BullMQ's fixed list; sanitizing is enough.
    if (state !== undefined) labels.state = sanitizeLabelValue(state);
    return labels;
  };
  const exemplars = isOpenMetrics(registry);
  const exemplar = (): ExemplarLabels | undefined => {
    const ids = exemplars ? options.activeSpanIds?.() : undefined;
    return ids ? exemplarLabelsFor(ids.traceId, ids.spanId) : undefined;
  };
  const safely = (record: () => void): void => {
    try {
      record();
    } catch {
      // A metric must never fail a job; see the JSDoc above.
    }
  };

  return {
    createCounter(name: string, opts?: MetricOptions): BullmqCounter {
      return cached(`counter:${name}`, () => {
        const mapped = prometheusNameFor(name, 'counter', opts?.unit);
        const counter = counterRecorder<NativeLabelName>(
          getOrCreateMetric(registry, mapped.name, Counter, { labelNames: NATIVE_LABELS, exemplars }, () =>
            new Counter<NativeLabelName | ExemplarLabelName>({
              name: mapped.name, help: helpOf(name, opts), labelNames: NATIVE_LABELS, enableExemplars: exemplars, registers: [registry],
            }),
          ),
          exemplars,
        );
        return {
          add: (value, attributes) =>
            safely(() => {
              if (Number.isFinite(value) && value >= 0) counter.inc(labelsOf(attributes), value * mapped.scale, exemplar());
            }),
        };
      }, NO_COUNTER);
    },
    createHistogram(name: string, opts?: MetricOptions): BullmqHistogram {
      return cached(`histogram:${name}`, () => {
        const mapped = prometheusNameFor(name, 'histogram', opts?.unit);
        const histogram = histogramRecorder<NativeLabelName>(
          getOrCreateMetric(registry, mapped.name, Histogram, { labelNames: NATIVE_LABELS, buckets: mapped.isTime ? DEFAULT_DURATION_BUCKETS : undefined, exemplars }, () =>
            new Histogram<NativeLabelName | ExemplarLabelName>({
              name: mapped.name, help: helpOf(name, opts), labelNames: NATIVE_LABELS, enableExemplars: exemplars, registers: [registry],
              ...(mapped.isTime ? { buckets: [...DEFAULT_DURATION_BUCKETS] } : {}),
            }),
          ),
          exemplars,
        );
        return {
          record: (value, attributes) =>
            safely(() => {
              if (Number.isFinite(value)) histogram.observe(labelsOf(attributes), value * mapped.scale, exemplar());
            }),
        };
      }, NO_HISTOGRAM);
    },
    createGauge(name: string, opts?: MetricOptions): BullmqGauge {
      return cached(`gauge:${name}`, () => {
        const mapped = prometheusNameFor(name, 'gauge', opts?.unit);
        const gauge = getOrCreateMetric(registry, mapped.name, Gauge, { labelNames: NATIVE_LABELS, exemplars: false }, () =>
          new Gauge<NativeLabelName>({ name: mapped.name, help: helpOf(name, opts), labelNames: NATIVE_LABELS, registers: [registry] }),
        );
        return {
          record: (value, attributes) =>
            safely(() => {
              const labels = labelsOf(attributes);
              // Several queues folded into one series would overwrite each other's value: report none.
              if (labels.messaging_destination_name === OTHER_LABEL_VALUE || !Number.isFinite(value)) return;
              gauge.set(labels, value * mapped.scale);
            }),
        };
      }, NO_GAUGE);
    },
  };
}

/** Instruments recording nothing, for a BullMQ metric whose name is taken by another definition. */
const NO_COUNTER: BullmqCounter = { add: () => undefined };
const NO_HISTOGRAM: BullmqHistogram = { record: () => undefined };
const NO_GAUGE: BullmqGauge = { record: () => undefined };

function helpOf(name: string, opts: MetricOptions | undefined): string {
  const description = opts?.description ? sanitizeLabelValue(opts.description) : 'BullMQ metric';
  return `${description} (BullMQ native metric ${name}).`;
}
