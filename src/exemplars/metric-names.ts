/**
 * Names of the metrics {@link QueueMetrics} registers. Histograms are in seconds; counters end in `_total` (prom-client
 * keeps the name as given, and OpenMetrics requires the suffix on the sample). The four metrics the messaging
 * conventions define keep their conventional names; QueueOtel's own all start with {@link QUEUE_OTEL_METRIC_PREFIX},
 * and none starts with `bullmq_`, which BullMQ's own meter uses. docs/metrics.md documents each (a test checks it); a
 * name changed here is a breaking change for dashboards and alerts.
 */

/** Prefix of every metric QueueOtel defines itself (the conventions' metrics keep their own names). */
export const QUEUE_OTEL_METRIC_PREFIX = 'queue_otel_';

/** Metric names of QueueMetrics. */
export const QueueMetricNames = {
  clientOperationDuration: 'messaging_client_operation_duration_seconds',
  processDuration: 'messaging_process_duration_seconds',
  sentMessages: 'messaging_client_sent_messages_total',
  consumedMessages: 'messaging_client_consumed_messages_total',
  waitDuration: `${QUEUE_OTEL_METRIC_PREFIX}job_wait_duration_seconds`,
  endToEndDuration: `${QUEUE_OTEL_METRIC_PREFIX}job_end_to_end_duration_seconds`,
  jobsCompleted: `${QUEUE_OTEL_METRIC_PREFIX}jobs_completed_total`,
  jobsFailed: `${QUEUE_OTEL_METRIC_PREFIX}jobs_failed_total`,
  jobsRetried: `${QUEUE_OTEL_METRIC_PREFIX}jobs_retried_total`,
  jobsStalled: `${QUEUE_OTEL_METRIC_PREFIX}jobs_stalled_total`,
  queueJobs: `${QUEUE_OTEL_METRIC_PREFIX}queue_jobs`,
  queueJobsRefreshErrors: `${QUEUE_OTEL_METRIC_PREFIX}queue_jobs_refresh_errors_total`,
} as const;

/**
 * Label names of the queue metrics: the conventions' attributes with dots as underscores (`messaging_system`,
 * `messaging_operation_name`, `messaging_destination_name`, `error_type`), BullMQ's job name, and QueueOtel's own.
 * `messaging_destination_name` names the queue on every queue metric, BullMQ's and `queue_otel_sampling_ratio` included
 * (the other health metrics count per process).
 */
export const QueueLabelNames = {
  system: 'messaging_system',
  operation: 'messaging_operation_name',
  queue: 'messaging_destination_name',
  jobName: 'bullmq_job_name',
  outcome: 'outcome',
  errorType: 'error_type',
  state: 'state',
} as const;

/**
 * Histogram buckets in seconds, from 5 ms to 10 min: jobs range from cache refreshes to report builds, and
 * wait times grow to minutes when a queue backs up.
 */
export const DEFAULT_DURATION_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600,
];

/**
 * Buckets of `messaging_client_operation_duration_seconds`: the boundaries the conventions advise for it (a send is a
 * Redis round trip, not a job).
 */
export const OPERATION_DURATION_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
