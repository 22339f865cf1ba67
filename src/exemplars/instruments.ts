import { Counter, Gauge, Histogram } from 'prom-client';
import type { ExemplarLabelName } from './exemplar-labels';
import { DEFAULT_DURATION_BUCKETS, QueueLabelNames, QueueMetricNames } from './metric-names';
import { counterRecorder, histogramRecorder } from './recorders';
import type { CounterRecorder, HistogramRecorder } from './recorders';
import { getOrCreateMetric, isOpenMetrics } from './registry';
import type { MetricsRegistry } from './registry';

/** Labels of the per-job histograms and the consumed counter. */
export type JobLabelName = 'messaging_destination_name' | 'bullmq_job_name' | 'outcome';
/** Labels of the sent counter and the outcome counters (the outcome is in the name). */
export type SentLabelName = 'messaging_destination_name' | 'bullmq_job_name';

/** Every instrument behind {@link QueueMetrics}; internal. */
export interface QueueInstruments {
  processDuration: HistogramRecorder<JobLabelName>;
  waitDuration: HistogramRecorder<JobLabelName>;
  endToEndDuration: HistogramRecorder<JobLabelName>;
  sent: CounterRecorder<SentLabelName>;
  consumed: CounterRecorder<JobLabelName>;
  completed: CounterRecorder<SentLabelName>;
  failed: CounterRecorder<SentLabelName>;
  retried: CounterRecorder<SentLabelName>;
  stalled: CounterRecorder<SentLabelName>;
  queueJobs: Gauge<'messaging_destination_name' | 'state'>;
  queueJobsRefreshErrors: Counter<'messaging_destination_name'>;
}

const JOB_LABELS: JobLabelName[] = [QueueLabelNames.queue, QueueLabelNames.jobName, QueueLabelNames.outcome];
const SENT_LABELS: SentLabelName[] = [QueueLabelNames.queue, QueueLabelNames.jobName];

/**
 * Registers (or reuses) the queue instruments on `registry`; internal. Exemplars are enabled when the
 * registry is in OpenMetrics format at this point (prom-client refuses them otherwise).
 */
export function createQueueInstruments(registry: MetricsRegistry, buckets: readonly number[] = DEFAULT_DURATION_BUCKETS): QueueInstruments {
  const exemplars = isOpenMetrics(registry);
  const histogram = (name: string, help: string): HistogramRecorder<JobLabelName> =>
    histogramRecorder(
      getOrCreateMetric(registry, name, Histogram, () =>
        new Histogram<JobLabelName | ExemplarLabelName>({
          name, help, labelNames: JOB_LABELS, buckets: [...buckets], enableExemplars: exemplars, registers: [registry],
        }),
      ),
      exemplars,
    );
  const counter = <L extends string>(name: string, help: string, labelNames: L[]): CounterRecorder<L> =>
    counterRecorder(
      getOrCreateMetric(registry, name, Counter, () =>
        new Counter<L | ExemplarLabelName>({ name, help, labelNames, enableExemplars: exemplars, registers: [registry] }),
      ),
      exemplars,
    );
  return {
    processDuration: histogram(QueueMetricNames.processDuration, 'Duration of processing one attempt of a job, in seconds.'),
    waitDuration: histogram(
      QueueMetricNames.waitDuration,
      'Time from enqueue (or the end of a delay) to the start of processing, in seconds.',
    ),
    endToEndDuration: histogram(QueueMetricNames.endToEndDuration, 'Time from enqueue to the final outcome of a job, in seconds.'),
    sent: counter(QueueMetricNames.sentMessages, 'Jobs added to a queue.', SENT_LABELS),
    consumed: counter(QueueMetricNames.consumedMessages, 'Job attempts taken by a worker, by outcome.', JOB_LABELS),
    completed: counter(QueueMetricNames.jobsCompleted, 'Jobs completed.', SENT_LABELS),
    failed: counter(QueueMetricNames.jobsFailed, 'Jobs failed for good (no attempts left).', SENT_LABELS),
    retried: counter(QueueMetricNames.jobsRetried, 'Failed attempts that will be retried.', SENT_LABELS),
    stalled: counter(QueueMetricNames.jobsStalled, 'Jobs detected as stalled (lock lost while active).', SENT_LABELS),
    queueJobs: getOrCreateMetric(registry, QueueMetricNames.queueJobs, Gauge, () =>
      new Gauge({
        name: QueueMetricNames.queueJobs,
        help: 'Jobs in a queue by state, refreshed on an interval from Queue.getJobCounts().',
        labelNames: [QueueLabelNames.queue, QueueLabelNames.state],
        registers: [registry],
      }),
    ),
    queueJobsRefreshErrors: getOrCreateMetric(registry, QueueMetricNames.queueJobsRefreshErrors, Counter, () =>
      new Counter({
        name: QueueMetricNames.queueJobsRefreshErrors,
        help: 'Failed refreshes of bullmq_queue_jobs (Queue.getJobCounts() rejected).',
        labelNames: [QueueLabelNames.queue],
        registers: [registry],
      }),
    ),
  };
}
