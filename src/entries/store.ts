import '../peers/check-store';
/**
 * `queue-otel/store`: the Redis span store, the trace-to-job index, and reading a job's trace from its metadata
 * (docs/span-store.md).
 */
export { RedisSpanExporter, SpanStore, TraceJobIndex, measureStoredBytes, traceIdFromJobOpts, jobTraceOf } from '../store';
// For tools that take a key prefix from their users (the CLI's --key-prefix): the same rule the constructors apply.
export { keyPrefixProblem } from '../store';
export type {
  BufferedBatch,
  JobsOfTraceOptions,
  JobTrace,
  ListTracesOptions,
  RedisClient,
  RedisConnectionInput,
  RedisSpanExporterOptions,
  RedisSpanExporterStats,
  SpanStoreOptions,
  SpanStoreStats,
  StoredBytesReport,
  TraceJob,
  TraceJobIndexOptions,
  TraceSummary,
} from '../store';
// What SpanStore reads back is the span model of `queue-otel/traces` (readTrace: with the TraceRead around it).
export type { TraceRead, TraceSpan } from '../traces';
// A scheduler's iterations carry the upsert's metadata but are sampled on their own: readers of jobTraceOf need it.
export { isSchedulerIteration } from '../telemetry';
