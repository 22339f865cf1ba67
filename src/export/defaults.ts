/**
 * Default settings of the export safety net, in one place so the docs (docs/degradation.md), the config
 * file parser and the tests agree on them.
 */

/**
 * Defaults of {@link ResilientSpanExporterOptions}.
 * @example
 * const cap = ResilientExportDefaults.maxBufferedSpans; // 2048
 */
export const ResilientExportDefaults = {
  /** Spans held in memory while the backend is slow or down (waiting plus the batch being sent). */
  maxBufferedSpans: 2048,
  /** Spans sent per request to the wrapped exporter. */
  maxExportBatchSize: 512,
  /** An export the backend has not answered within this time counts as a failure. */
  exportTimeoutMillis: 10_000,
  /** First retry delay; doubles on every consecutive failure. */
  backoffBaseMillis: 1_000,
  /** Longest retry delay. */
  backoffMaxMillis: 30_000,
  /** Consecutive failures that open the circuit. */
  failureThreshold: 5,
  /** Time the circuit stays open before one probe batch is sent. */
  cooldownMillis: 30_000,
  /** Longest `forceFlush()` (and the flush inside `shutdown()`). */
  flushTimeoutMillis: 10_000,
  /** Which spans make room when the buffer is full. */
  overflow: 'drop-oldest',
  /** `backend` label of export errors on the health metrics. */
  backend: 'otlp',
  /** `backend` label of the fallback exporter's errors. */
  fallbackBackend: 'fallback',
} as const;

/**
 * Defaults of {@link TraceLimitSpanProcessorOptions}.
 * @example
 * const perTrace = TraceLimitDefaults.maxSpansPerTrace; // 1000
 */
export const TraceLimitDefaults = {
  /** Spans of one trace passed on; later ones are dropped and counted. */
  maxSpansPerTrace: 1000,
  /** Traces whose span counts are remembered at once; the least recently active are forgotten first. */
  maxTrackedTraces: 10_000,
  /** A trace with no new span for this long is forgotten (its count starts again if it comes back). */
  traceTtlMillis: 30 * 60 * 1000,
} as const;
