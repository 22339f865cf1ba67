/** `queue-otel/export`: graceful degradation of span export and per-trace span limits (docs/degradation.md). */
export { ResilientSpanExporter, TraceLimitSpanProcessor, spanLimitsFrom, CircuitBreaker } from '../export';
export type {
  CircuitBreakerOptions,
  CircuitState,
  ExportDropReason,
  ExportHealthSink,
  ExportHooks,
  OverflowPolicy,
  ReplayableSpanExporter,
  ReplayBatch,
  ResilientExporterStats,
  ResilientSpanExporterOptions,
  SpanLimitOptions,
  TraceLimitSpanProcessorOptions,
  TraceLimitStats,
  TrimKind,
} from '../export';
