/**
 * Export safety: a resilient exporter wrapper (bounded buffer, timeout, backoff, circuit breaker, fallback),
 * a per-trace span limit processor, and the SDK span limits. See docs/degradation.md.
 */
export { ResilientSpanExporter } from './resilient-span-exporter';
export { RESILIENT_OPTIONS, resolveResilientOptions } from './resilient-options';
export type { ResilientExporterStats, ResilientSpanExporterOptions, ResolvedResilientOptions } from './resilient-options';
export type { ExportDropReason, ExportHealthSink, ExportHooks, ExportTarget } from './export-hooks';
export { ResilientExportDefaults, TraceLimitDefaults } from './defaults';
export { CircuitBreaker } from './circuit-breaker';
export type { CircuitBreakerOptions, CircuitState } from './circuit-breaker';
export { backoffDelay } from './backoff';
export type { BackoffOptions } from './backoff';
export { exportErrorType, isPermanentRejection } from './export-error-type';
export { ExportTimeoutError } from './export-once';
export type { OverflowPolicy } from './span-queue';
export { isReplayable } from './fallback-replay';
export type { ReplayBatch, ReplayableSpanExporter } from './fallback-replay';
export { TraceLimitSpanProcessor } from './trace-limit-span-processor';
export type { TraceLimitSpanProcessorOptions, TraceLimitStats } from './trace-limit-span-processor';
export type { TrimKind } from './trimmed-data';
export { spanLimitsFrom, SpanLimitDefaults } from './span-limits';
export type { SpanLimitOptions } from './span-limits';
