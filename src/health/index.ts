export { TracingHealthMetrics } from './tracing-health-metrics';
export type { TracingHealthMetricsOptions } from './tracing-health-metrics';
export { DEFAULT_MAX_HEALTH_LABEL_VALUES, TracingHealthMetricNames } from './health-metric-names';
