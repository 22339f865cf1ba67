import { Counter, Gauge, Histogram } from 'prom-client';
import type { ExemplarLabelName } from './exemplar-labels';
import { DEFAULT_DURATION_BUCKETS, QueueLabelNames, QueueMetricNames } from './metric-names';
import { getOrCreateMetric } from './registry';
import type { MetricsRegistry } from './registry';

/** Labels of the per-job histograms and counters. */
export type JobLabelName = 'messaging_destination_name' | 'bullmq_job_name' | 'outcome';
/** Labels of the sent-messages counter (no outcome at send time). */
export type SentLabelName = 'messaging_destination_name' | 'bullmq_job_name';

/** Every instrument behind {@link QueueMetrics}; internal. */
export interface QueueInstruments {
  processDuration: Histogram<JobLabelName | ExemplarLabelName>;
  waitDuration: Histogram<JobLabelName | ExemplarLabelName>;
  endToEndDuration: Histogram<JobLabelName | ExemplarLabelName>;
  sent: Counter<SentLabelName | ExemplarLabelName>;
  consumed: Counter<JobLabelName | ExemplarLabelName>;
  completed: Counter<SentLabelName | ExemplarLabelName>;
  failed: Counter<SentLabelName | ExemplarLabelName>;
  retried: Counter<SentLabelName | ExemplarLabelName>;
  stalled: Counter<SentLabelName | ExemplarLabelName>;
  queueJobs: Gauge<'messaging_destination_name' | 'state'>;
  queueJobsRefreshErrors: Counter<'messaging_destination_name'>;
}

const JOB_LABELS: JobLabelName[] = [QueueLabelNames.queue, QueueLabelNames.jobName, QueueLabelNames.outcome];
const SENT_LABELS: SentLabelName[] = [QueueLabelNames.queue, QueueLabelNames.jobName];

/** Registers (or reuses) the queue instruments on `registry`; internal. */
export function createQueueInstruments(registry: MetricsRegistry, buckets: readonly number[] = DEFAULT_DURATION_BUCKETS): QueueInstruments {
  const histogram = (name: string, help: string): Histogram<JobLabelName | ExemplarLabelName> =>
    getOrCreateMetric(registry, name, Histogram, () =>
      new Histogram({ name, help, labelNames: JOB_LABELS, buckets: [...buckets], enableExemplars: true, registers: [registry] }),
    );
  const counter = <L extends string>(name: string, help: string, labelNames: L[]): Counter<L | ExemplarLabelName> =>
    getOrCreateMetric(registry, name, Counter, () =>
      new Counter<L | ExemplarLabelName>({ name, help, labelNames, enableExemplars: true, registers: [registry] }),
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
