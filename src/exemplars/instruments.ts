import { Counter, Gauge, Histogram } from 'prom-client';
import type { ExemplarLabelName } from './exemplar-labels';
import { DEFAULT_DURATION_BUCKETS, OPERATION_DURATION_BUCKETS, QueueLabelNames as L, QueueMetricNames } from './metric-names';
import { counterRecorder, histogramRecorder } from './recorders';
import type { CounterRecorder, HistogramRecorder } from './recorders';
import { getOrCreateMetric, isOpenMetrics } from './registry';
import type { MetricsRegistry } from './registry';

/** Labels of the conventions' attempt metrics (process duration, consumed messages). */
export type AttemptLabelName = 'messaging_system' | 'messaging_operation_name' | 'messaging_destination_name' | 'bullmq_job_name' | 'outcome' | 'error_type';
/** Labels of the sent counter. */
export type SentLabelName = 'messaging_system' | 'messaging_operation_name' | 'messaging_destination_name' | 'bullmq_job_name' | 'error_type';
/** Labels of the client operation duration. */
export type OperationLabelName = 'messaging_system' | 'messaging_operation_name' | 'messaging_destination_name' | 'error_type';
/** Labels of QueueOtel's own job histograms (wait, end to end). */
export type JobLabelName = 'messaging_destination_name' | 'bullmq_job_name' | 'outcome';
/** Labels of the outcome counters (the outcome is in the name). */
export type JobNameLabelName = 'messaging_destination_name' | 'bullmq_job_name';

/** Every instrument behind {@link QueueMetrics}; internal. */
export interface QueueInstruments {
  operationDuration: HistogramRecorder<OperationLabelName>;
  processDuration: HistogramRecorder<AttemptLabelName>;
  waitDuration: HistogramRecorder<JobLabelName>;
  endToEndDuration: HistogramRecorder<JobLabelName>;
  sent: CounterRecorder<SentLabelName>;
  consumed: CounterRecorder<AttemptLabelName>;
  completed: CounterRecorder<JobNameLabelName>;
  failed: CounterRecorder<JobNameLabelName>;
  retried: CounterRecorder<JobNameLabelName>;
  stalled: CounterRecorder<JobNameLabelName>;
  queueJobs: Gauge<'messaging_destination_name' | 'state'>;
  queueJobsRefreshErrors: Counter<'messaging_destination_name'>;
}

const ATTEMPT_LABELS: AttemptLabelName[] = [L.system, L.operation, L.queue, L.jobName, L.outcome, L.errorType];
const SENT_LABELS: SentLabelName[] = [L.system, L.operation, L.queue, L.jobName, L.errorType];
const OPERATION_LABELS: OperationLabelName[] = [L.system, L.operation, L.queue, L.errorType];
const JOB_LABELS: JobLabelName[] = [L.queue, L.jobName, L.outcome];
const JOB_NAME_LABELS: JobNameLabelName[] = [L.queue, L.jobName];

/**
 * Registers (or reuses) the queue instruments on `registry`; internal. Exemplars are enabled when the
 * registry is in OpenMetrics format at this point (prom-client refuses them otherwise): on every histogram and counter.
 * A metric of the same name already on the registry is reused only when defined the same way (see getOrCreateMetric).
 */
export function createQueueInstruments(registry: MetricsRegistry, buckets: readonly number[] = DEFAULT_DURATION_BUCKETS): QueueInstruments {
  const exemplars = isOpenMetrics(registry);
  const histogram = <N extends string>(name: string, help: string, labelNames: N[], bounds: readonly number[] = buckets): HistogramRecorder<N> =>
    histogramRecorder(
      getOrCreateMetric(registry, name, Histogram, { labelNames, buckets: bounds, exemplars }, () =>
        new Histogram<N | ExemplarLabelName>({ name, help, labelNames, buckets: [...bounds], enableExemplars: exemplars, registers: [registry] }),
      ),
      exemplars,
    );
  const counter = <N extends string>(name: string, help: string, labelNames: N[]): CounterRecorder<N> =>
    counterRecorder(
      getOrCreateMetric(registry, name, Counter, { labelNames, exemplars }, () =>
        new Counter<N | ExemplarLabelName>({ name, help, labelNames, enableExemplars: exemplars, registers: [registry] }),
      ),
      exemplars,
    );
  return {
    operationDuration: histogram(
      QueueMetricNames.clientOperationDuration,
      'Duration of a producer operation against Redis (add, addBulk, flows), in seconds.',
      OPERATION_LABELS,
      OPERATION_DURATION_BUCKETS,
    ),
    processDuration: histogram(QueueMetricNames.processDuration, 'Duration of processing one attempt of a job, in seconds.', ATTEMPT_LABELS),
    waitDuration: histogram(QueueMetricNames.waitDuration, 'Time from enqueue (or the end of a delay) to the start of processing, in seconds.', JOB_LABELS),
    endToEndDuration: histogram(QueueMetricNames.endToEndDuration, 'Time from enqueue to the final outcome of a job, in seconds.', JOB_LABELS),
    sent: counter(QueueMetricNames.sentMessages, 'Jobs a producer attempted to add to a queue.', SENT_LABELS),
    consumed: counter(QueueMetricNames.consumedMessages, 'Job attempts delivered to a worker\'s processor, by outcome.', ATTEMPT_LABELS),
    completed: counter(QueueMetricNames.jobsCompleted, 'Jobs completed.', JOB_NAME_LABELS),
    failed: counter(QueueMetricNames.jobsFailed, 'Jobs failed for good (no attempts left).', JOB_NAME_LABELS),
    retried: counter(QueueMetricNames.jobsRetried, 'Failed attempts that will be retried.', JOB_NAME_LABELS),
    stalled: counter(QueueMetricNames.jobsStalled, 'Jobs detected as stalled (lock lost while active).', JOB_NAME_LABELS),
    queueJobs: getOrCreateMetric(registry, QueueMetricNames.queueJobs, Gauge, { labelNames: [L.queue, L.state], exemplars: false }, () =>
      new Gauge({
        name: QueueMetricNames.queueJobs,
        help: 'Jobs in a queue by state, refreshed on an interval from Queue.getJobCounts().',
        labelNames: [L.queue, L.state],
        registers: [registry],
      }),
    ),
    queueJobsRefreshErrors: getOrCreateMetric(registry, QueueMetricNames.queueJobsRefreshErrors, Counter, { labelNames: [L.queue], exemplars: false }, () =>
      new Counter({
        name: QueueMetricNames.queueJobsRefreshErrors,
        help: `Failed refreshes of ${QueueMetricNames.queueJobs}: Queue.getJobCounts() rejected or did not answer within the read timeout (the last values are kept).`,
        labelNames: [L.queue],
        registers: [registry],
      }),
    ),
  };
}
