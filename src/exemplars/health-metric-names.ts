/**
 * Names of the tracing health metrics. deploy/prometheus/queue-otel-alerts.yml and docs/metrics.md refer
 * to them; a name changed here breaks alerts.
 */
export const TracingHealthMetricNames = {
  spansCreated: 'queue_trace_spans_created_total',
  exportErrors: 'queue_trace_export_errors_total',
  samplingRatio: 'queue_trace_sampling_ratio',
  propagationFailures: 'queue_trace_context_propagation_failures_total',
  spansDropped: 'queue_trace_spans_dropped_total',
} as const;

/**
 * Distinct values kept per label of a health metric before folding into `__other__`. Health labels name
 * components, operations, backends and reasons: small fixed sets in practice, but their values come from
 * callers and error objects, so they are bounded anyway.
 * @default 32
 */
export const DEFAULT_MAX_HEALTH_LABEL_VALUES = 32;
