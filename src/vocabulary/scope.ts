/**
 * The instrumentation scope name of QueueOtel's spans (unless `tracerName` says otherwise). Spans of this scope
 * are sanitized where they are recorded; the sanitizing processor and exporter pass them on as they are.
 */
export const QUEUE_OTEL_SCOPE_NAME = 'queue-otel';
