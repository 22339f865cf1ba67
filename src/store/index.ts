/**
 * The Redis span store: an exporter that stores spans, a reader that lists and returns traces, the
 * trace-to-job index, the fallback-buffer reader and the benchmark's memory probe.
 */
export { RedisSpanExporter, SpanStoreDefaults } from './redis-span-exporter';
export { SpanStoreUnavailableError } from './write-guard';
export type { BufferedBatch } from './span-buffer';
export { SpanStore } from './span-store';
export type { SpanStoreOptions } from './span-store';
export { TraceJobIndex } from './trace-job-index';
export type { JobsOfTraceOptions, TraceJob, TraceJobIndexOptions } from './trace-job-index';
export type {
  ListTracesOptions, RedisSpanExporterOptions, RedisSpanExporterStats, SpanStoreStats, TraceSummary,
} from './types';
export type { RedisClient, RedisConnectionInput } from './connection';
export { jobTraceOf, traceIdFromJobOpts, traceIdFromTelemetryMetadata, traceIdFromTraceparent } from './job-trace-metadata';
export type { JobTrace } from './job-trace-metadata';
export { measureStoredBytes } from './measure';
export type { StoredBytesReport } from './measure';
export { storeKeys, jobDigest, keyPrefixProblem, DEFAULT_KEY_PREFIX } from './keys';
export type { StoreKeys } from './keys';
export { fromReadableSpan } from './from-readable-span';
export { toReadableSpan, toReadableSpans } from './to-readable-span';
export type { StoredScope, StoredSpan } from './stored-span';
