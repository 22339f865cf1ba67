import { QUEUE_OTEL_METRIC_PREFIX } from './metric-names';

/**
 * Names of the tracing health metrics, under QueueOtel's one prefix. deploy/prometheus/queue-otel-alerts.yml and
 * docs/metrics.md refer to them; a name changed here breaks alerts.
 */
export const TracingHealthMetricNames = {
  spansCreated: `${QUEUE_OTEL_METRIC_PREFIX}spans_created_total`,
  exportErrors: `${QUEUE_OTEL_METRIC_PREFIX}export_errors_total`,
  samplingRatio: `${QUEUE_OTEL_METRIC_PREFIX}sampling_ratio`,
  propagationFailures: `${QUEUE_OTEL_METRIC_PREFIX}context_propagation_failures_total`,
  spansDropped: `${QUEUE_OTEL_METRIC_PREFIX}spans_dropped_total`,
  spanDataTrimmed: `${QUEUE_OTEL_METRIC_PREFIX}span_data_trimmed_total`,
} as const;

/**
 * Distinct values kept per label of a health metric before folding into `__other__`. Health labels name
 * components, operations, backends and reasons: small fixed sets in practice, but their values come from
 * callers and error objects, so they are bounded anyway.
 * @default 32
 */
export const DEFAULT_MAX_HEALTH_LABEL_VALUES = 32;
