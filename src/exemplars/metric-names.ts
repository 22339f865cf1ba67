/**
 * Names of the metrics {@link QueueMetrics} registers. Histograms are in seconds; counters end in
 * `_total` (prom-client keeps the name as given, and OpenMetrics requires the suffix on the sample).
 * docs/metrics.md documents each; a name changed here is a breaking change for dashboards and alerts.
 */
export const QueueMetricNames = {
  processDuration: 'messaging_process_duration_seconds',
  waitDuration: 'bullmq_job_wait_duration_seconds',
  endToEndDuration: 'bullmq_job_end_to_end_duration_seconds',
  sentMessages: 'messaging_client_sent_messages_total',
  consumedMessages: 'messaging_client_consumed_messages_total',
  jobsCompleted: 'bullmq_jobs_completed_total',
  jobsFailed: 'bullmq_jobs_failed_total',
  jobsRetried: 'bullmq_jobs_retried_total',
  jobsStalled: 'bullmq_jobs_stalled_total',
  queueJobs: 'bullmq_queue_jobs',
  queueJobsRefreshErrors: 'bullmq_queue_jobs_refresh_errors_total',
} as const;

/** Label names used by the queue metrics. */
export const QueueLabelNames = {
  queue: 'messaging_destination_name',
  jobName: 'bullmq_job_name',
  outcome: 'outcome',
  state: 'state',
} as const;

/**
 * Histogram buckets in seconds, from 5 ms to 10 min: jobs range from cache refreshes to report builds, and
 * wait times grow to minutes when a queue backs up.
 */
export const DEFAULT_DURATION_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600,
];
