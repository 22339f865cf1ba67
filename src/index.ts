/**
 * queue-otel: OpenTelemetry tracing, metrics with exemplars and trace tooling for BullMQ.
 * Every public symbol is exported by name from here; see README.md and docs/ for each area.
 */

// Tracing adapter (docs/spans.md)
export {
  QueueOtel,
  categorizeFailure,
  BullmqAttributes,
  BullmqNativeSafeAttributes,
  BullmqPayloadAttributes,
  ErrorAttributes,
  MessagingAttributes,
  QUEUE_OTEL_ATTRIBUTE_KEYS,
} from './telemetry';
export type {
  AttemptOutcome,
  AttemptReport,
  FailureCategory,
  JobLifecycleObserver,
  MetadataFormat,
  PropagationMode,
  QueueOtelOptions,
  SendReport,
  UnsampledJobs,
} from './telemetry';

// Propagation through job metadata
export {
  decodeMetadata,
  encodeMetadata,
  validateTraceparent,
  MAX_METADATA_LENGTH,
  jobContext,
  runInJobContext,
  UNSAMPLED_METADATA,
} from './propagation';
export type { JobWithMetadata, PropagationDirection, PropagationFailureReason } from './propagation';

// Sampling, setup and configuration (docs/sampling.md, docs/setup.md)
export { QueueSampler, rateFromEnv } from './sampling';
export type { RateListener, SamplingRates } from './sampling';
export { setupTracing, DEFAULT_OTLP_ENDPOINT } from './setup';
export type { SetupTracingOptions, TracingHandle } from './setup';
export { ConfigError, loadConfig, parseConfig } from './config';
export type { ConfigIssue, QueueOtelConfig, TraceLimits } from './config';

// Graceful degradation of export (docs/degradation.md)
export { ResilientSpanExporter, TraceLimitSpanProcessor, spanLimitsFrom, CircuitBreaker } from './export';
export type { ResilientExporterStats, ResilientSpanExporterOptions, TraceLimitSpanProcessorOptions, TraceLimitStats, SpanLimitOptions } from './export';

// Attribute policy and PII redaction (docs/security.md)
export { Sanitizer, SanitizingSpanExporter, SanitizingSpanProcessor, parseSanitizeConfig, DETECTOR_NAMES } from './sanitize';
export type { AttributeRedactor, CustomDetector, DetectorName, SanitizeOptions, SanitizerStats } from './sanitize';

// Metrics with exemplars and tracing health (docs/metrics.md)
export {
  QueueMetrics,
  createBullmqMeter,
  createOpenMetricsRegistry,
  metricsHandler,
  startMetricsServer,
  QueueMetricNames,
} from './exemplars';
export type { AttemptObservation, MetricsServer, MetricsServerOptions, QueueMetricsOptions, SentObservation } from './exemplars';
export { TracingHealthMetrics, TracingHealthMetricNames } from './health';
export type { TracingHealthMetricsOptions } from './health';

// Span store and trace-to-job index (docs/span-store.md)
export { RedisSpanExporter, SpanStore, TraceJobIndex, measureStoredBytes, traceIdFromJobOpts } from './store';
export type {
  ListTracesOptions,
  RedisSpanExporterOptions,
  RedisSpanExporterStats,
  SpanStoreOptions,
  TraceJob,
  TraceJobIndexOptions,
  TraceSummary,
} from './store';

// Reading traces back and drawing them (docs/trace-backends.md)
export { JaegerTraceSource, TempoTraceSource, ZipkinTraceSource, TraceSourceHttpError } from './traces';
export type { TraceSource, TraceSpan, TraceSpanKind, TraceStatusCode } from './traces';
export { buildSpanTree, criticalPath, renderWaterfallText } from './waterfall';
export type { WaterfallTextOptions } from './waterfall';

export { buildTraceUrl, osc8Link, TRACE_LINK_PRESETS } from './links';
export type { TraceLinkConfig } from './links';

export { QueueEventsObserver } from './observer';
export type { ObserverOptions, ObserverStats } from './observer';

export { startEmbeddedRedis } from './dev/embedded-redis';
export type { EmbeddedRedis } from './dev/embedded-redis';
export { PACKAGE_VERSION } from './version';
