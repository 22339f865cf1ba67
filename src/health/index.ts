/**
 * The tracing health metrics live with the other Prometheus metrics in src/exemplars (QueueMetrics owns one on its
 * registry); this path stays for setupTracing's `healthMetrics` option and is exported as `queue-otel/metrics`.
 */
export { TracingHealthMetrics } from '../exemplars/tracing-health-metrics';
export type { TracingHealthMetricsOptions } from '../exemplars/tracing-health-metrics';
export { DEFAULT_MAX_HEALTH_LABEL_VALUES, TracingHealthMetricNames } from '../exemplars/health-metric-names';
