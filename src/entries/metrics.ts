import '../peers/check-metrics';
/** `queue-otel/metrics`: Prometheus metrics with exemplars and the health of the tracing itself (docs/metrics.md). */
export {
  QueueMetrics,
  createBullmqMeter,
  createOpenMetricsRegistry,
  metricsHandler,
  startMetricsServer,
  DEFAULT_DURATION_BUCKETS,
  OPERATION_DURATION_BUCKETS,
  QUEUE_OTEL_METRIC_PREFIX,
  QueueLabelNames,
  QueueMetricNames,
  jobTimings,
} from '../exemplars';
export type {
  AttemptObservation,
  BullmqMeterOptions,
  JobTimestamps,
  JobTimings,
  LabelLimits,
  MetricsRegistry,
  MetricsRequestHandler,
  MetricsServer,
  MetricsServerOptions,
  OperationObservation,
  QueueCountsSource,
  QueueMetricsOptions,
  SentObservation,
  SpanIds,
} from '../exemplars';
export { TracingHealthMetrics, TracingHealthMetricNames } from '../health';
export type { TracingHealthMetricsOptions } from '../health';
