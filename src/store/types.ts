/**
 * Options and result shapes shared by the span store's exporter, reader and index.
 */
import type { RedisConnectionInput } from './connection';

/** Options of {@link RedisSpanExporter}. */
export interface RedisSpanExporterOptions {
  /** Redis to write to: a shared ioredis client (never closed by the exporter), options, or a URL. */
  connection: RedisConnectionInput;
  /** Prefix of every key (not empty, no `{` or `}`: they would break the cluster hash tags; else a TypeError). @default 'qo' */
  keyPrefix?: string;
  /**
   * Lifetime of every key after the last write that touched it, in seconds; entries of the global indexes
   * older than this are forgotten on the next write. @default 86400
   */
  ttlSeconds?: number;
  /** Spans kept per trace (and jobs listed per trace); later spans of the trace are dropped and counted. @default 1000 */
  maxSpansPerTrace?: number;
  /** Traces kept; the least recently written are evicted (keys deleted) and counted. @default 10000 */
  maxTraces?: number;
  /**
   * Jobs kept in the job → trace index (`TraceJobIndex.tracesOfJob`); the least recently written are
   * forgotten. @default 2 × maxTraces
   */
  maxIndexedJobs?: number;
  /**
   * Track which stored spans have not been forwarded yet, so they can be re-exported with
   * `readBuffered`/`drainBuffered` (the fallback buffer while the OTLP backend is down). @default false
   */
  buffer?: boolean;
  /**
   * An export that Redis has not answered within this time reports FAILED, and what it sent is given up
   * (docs/span-store.md, "While Redis is down or hung"). @default 10000
   */
  exportTimeoutMillis?: number;
}

/** Counters since the exporter was created. */
export interface RedisSpanExporterStats {
  /** Export calls that succeeded. */
  exports: number;
  /** Export calls that reported FAILED (Redis error, timeout, after shutdown). */
  failedExports: number;
  /** Spans written to Redis. */
  storedSpans: number;
  /**
   * Spans not written because their trace already held `maxSpansPerTrace` spans, or because their record would be
   * longer than `SpanStoreDefaults.maxSpanRecordLength` (1 MiB of JSON).
   */
  droppedSpans: number;
  /** Traces deleted because more than `maxTraces` were stored. */
  evictedTraces: number;
}

/** One stored trace as {@link SpanStore.listTraces} reports it. */
export interface TraceSummary {
  traceId: string;
  /** Name of the root span, when it was stored. */
  rootName?: string;
  /** Earliest span start seen, µs since the epoch. */
  startUs: number;
  /** Latest span end minus earliest start, µs. */
  durationUs: number;
  /** Spans stored. */
  spanCount: number;
  /** Spans dropped by the per-trace cap (or too long to store). */
  droppedSpans: number;
  /** True when any span of the trace (stored or dropped) had status ERROR. */
  error: boolean;
  /** When the trace was last written, ms since the epoch (the listing's order and paging key). */
  lastWriteMs: number;
}

/** Arguments of {@link SpanStore.listTraces}. */
export interface ListTracesOptions {
  /** At most this many traces, most recently written first. @default 50 */
  limit?: number;
  /** Only traces last written strictly before this time (ms since the epoch): pass the last `lastWriteMs` to page. */
  before?: number;
}

/** What a {@link SpanStore} reader skipped since it was created: bad data it found in Redis, not errors. */
export interface SpanStoreStats {
  /**
   * Stored span entries not returned by `getTrace`: entries that do not parse as a span or are longer than
   * `SpanStoreDefaults.maxSpanRecordLength` (docs/span-store.md, "Reading") and entries past `maxSpans` of a trace.
   */
  skippedSpans: number;
  /**
   * Traces skipped as malformed: listed ids that are not 32 hex digits, summaries of the wrong Redis type or
   * with unusable times (`listTraces`), span lists of the wrong Redis type (`getTrace`). Traces whose keys
   * merely expired are not counted.
   */
  skippedTraces: number;
}
