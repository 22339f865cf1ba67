export { QueueMetrics } from './queue-metrics';
export type { AttemptObservation, OperationObservation, QueueMetricsOptions, SentObservation, SpanIds } from './queue-metrics';
export { createBullmqMeter } from './bullmq-meter';
export type { BullmqMeterOptions } from './bullmq-meter';
export { BULLMQ_METRIC_PREFIX, prometheusNameFor } from './bullmq-metric-names';
export type { MappedMetricName } from './bullmq-metric-names';
export { metricsHandler, startMetricsServer } from './metrics-handler';
export type { MetricsRequestHandler, MetricsServer, MetricsServerOptions } from './metrics-handler';
export { createOpenMetricsRegistry, isOpenMetrics } from './registry';
export type { MetricsRegistry } from './registry';
export { exemplarLabelsFor, MAX_EXEMPLAR_LABEL_CHARS } from './exemplar-labels';
export type { ExemplarLabelName, ExemplarLabels } from './exemplar-labels';
export {
  BoundedLabelValues,
  DEFAULT_MAX_ERROR_TYPES,
  DEFAULT_MAX_JOB_NAMES,
  DEFAULT_MAX_QUEUES,
  MAX_LABEL_VALUE_LENGTH,
  OTHER_LABEL_VALUE,
  QueueLabelLimiter,
  sanitizeLabelValue,
  UNKNOWN_LABEL_VALUE,
} from './label-values';
export type { LabelLimits } from './label-values';
export { DEFAULT_DURATION_BUCKETS, OPERATION_DURATION_BUCKETS, QUEUE_OTEL_METRIC_PREFIX, QueueLabelNames, QueueMetricNames } from './metric-names';
export { DEFAULT_QUEUE_DEPTH_INTERVAL_MS } from './queue-depth';
export type { QueueCountsSource } from './queue-depth';
export { jobTimings } from './job-timings';
export type { JobTimestamps, JobTimings } from './job-timings';
export { activeSampledSpanIds } from './active-span-ids';
export { TracingHealthMetrics } from './tracing-health-metrics';
export type { TracingHealthMetricsOptions } from './tracing-health-metrics';
export { DEFAULT_MAX_HEALTH_LABEL_VALUES, TracingHealthMetricNames } from './health-metric-names';
