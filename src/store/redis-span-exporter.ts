/**
 * An OpenTelemetry span exporter that stores finished spans in Redis: the embedded span store for
 * development and terminals without a tracing backend, and the fallback buffer while an OTLP backend is down.
 */
import { ExportResultCode } from '@opentelemetry/core';
import { checkOptionNames } from '../options';
import { diag } from '../otel-api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { releaseClient, resolveClient } from './connection';
import type { RedisClient, ResolvedClient } from './connection';
import { fromReadableSpan } from './from-readable-span';
import { DEFAULT_KEY_PREFIX, storeKeys } from './keys';
import type { StoreKeys } from './keys';
import { ensureScripts } from './scripts';
import { MAX_SPAN_RECORD_LENGTH } from './span-codec';
import { readBuffered } from './span-buffer';
import type { BufferedBatch } from './span-buffer';
import { MAX_TIMER_MILLIS, MAX_TTL_SECONDS, countOption, durationOption, keyPrefixOption } from './store-options';
import { writeTraces } from './store-writer';
import type { WriteLimits } from './store-writer';
import type { RedisSpanExporterOptions, RedisSpanExporterStats } from './types';
import { OWN_CONNECTION_OPTIONS, WriteGuard } from './write-guard';
import { planWrites } from './write-plan';

/** Defaults of {@link RedisSpanExporterOptions}, and the store's fixed limits. */
export const SpanStoreDefaults = {
  keyPrefix: DEFAULT_KEY_PREFIX,
  ttlSeconds: 24 * 60 * 60,
  maxSpansPerTrace: 1000,
  maxTraces: 10_000,
  /** Default of `maxIndexedJobs`: this many times `maxTraces` (most traces name one or two jobs). */
  indexedJobsPerTrace: 2,
  /** Trace ids the job index keeps per job, the latest (a job normally takes part in one trace). */
  maxTracesPerJob: 16,
  exportTimeoutMillis: 10_000,
  /** The longest span record written or read, in characters of its JSON; a longer span is dropped and counted. */
  maxSpanRecordLength: MAX_SPAN_RECORD_LENGTH,
} as const;

function reportCallbackError(error: unknown): void {
  diag.error('RedisSpanExporter: the export result callback threw', error);
}

const OWNER = 'RedisSpanExporter';

/** Every option, so a misspelt one (`ttl_seconds`, `maxTrace`) is refused instead of leaving its default. */
const EXPORTER_OPTIONS: Readonly<Record<keyof RedisSpanExporterOptions, true>> = {
  connection: true, keyPrefix: true, ttlSeconds: true, maxSpansPerTrace: true, maxTraces: true, maxIndexedJobs: true, buffer: true,
  exportTimeoutMillis: true,
};

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Stores spans in Redis: one round trip per export batch (one per slot on a cluster, plus one for the
 * global index), a TTL refreshed on every write of every key, at most `maxSpansPerTrace` spans (and jobs)
 * per trace, `maxTraces` traces and `maxIndexedJobs` jobs in the job index. See docs/span-store.md for the
 * key layout.
 *
 * `export` never throws: Redis errors and timeouts are reported as `ExportResultCode.FAILED`. While Redis
 * is down an export fails at once and keeps nothing; a write Redis leaves unanswered is given up after
 * `exportTimeoutMillis` (see {@link WriteGuard}).
 *
 * @example
 * const exporter = new RedisSpanExporter({ connection: { host: 'localhost', port: 6379 } });
 * provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
 */
export class RedisSpanExporter implements SpanExporter {
  private readonly resolved: ResolvedClient;
  private readonly keys: StoreKeys;
  private readonly limits: WriteLimits;
  private readonly guard: WriteGuard;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly counters: RedisSpanExporterStats = {
    exports: 0, failedExports: 0, storedSpans: 0, droppedSpans: 0, evictedTraces: 0,
  };
  private shutdownPromise: Promise<void> | undefined;

  /** Connects (or adopts the given client) and registers the store's Lua scripts on it. */
  constructor(options: RedisSpanExporterOptions) {
    // Options first: a bad one throws before a connection is opened that nothing would close.
    checkOptionNames(options, EXPORTER_OPTIONS, OWNER);
    const maxTraces = countOption(OWNER, 'maxTraces', options.maxTraces, SpanStoreDefaults.maxTraces);
    this.limits = {
      ttlMs: Math.max(1, Math.round(durationOption(OWNER, 'ttlSeconds', options.ttlSeconds, SpanStoreDefaults.ttlSeconds, MAX_TTL_SECONDS) * 1000)),
      maxSpansPerTrace: countOption(OWNER, 'maxSpansPerTrace', options.maxSpansPerTrace, SpanStoreDefaults.maxSpansPerTrace, 0),
      maxTraces,
      maxIndexedJobs: countOption(OWNER, 'maxIndexedJobs', options.maxIndexedJobs, maxTraces * SpanStoreDefaults.indexedJobsPerTrace),
      maxTracesPerJob: SpanStoreDefaults.maxTracesPerJob,
      buffer: options.buffer ?? false,
    };
    const exportTimeoutMillis = durationOption(OWNER, 'exportTimeoutMillis', options.exportTimeoutMillis, SpanStoreDefaults.exportTimeoutMillis, MAX_TIMER_MILLIS);
    this.keys = storeKeys(keyPrefixOption(OWNER, options.keyPrefix));
    this.resolved = resolveClient(options.connection, OWN_CONNECTION_OPTIONS);
    // A client of its own: its connection errors show as failed exports (stats, the exporter's callers); without a
    // listener ioredis would print each reconnect attempt's error with a stack while Redis is down.
    if (this.resolved.owned) this.resolved.client.on('error', () => undefined);
    ensureScripts(this.resolved.client);
    this.guard = new WriteGuard(this.resolved, exportTimeoutMillis);
  }

  /** The client the exporter writes with (shared or its own). */
  get client(): RedisClient {
    return this.resolved.client;
  }

  /** Stores `spans`; calls `resultCallback` exactly once and never throws. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.shutdownPromise) {
      this.counters.failedExports += 1;
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('RedisSpanExporter is shut down') });
      return;
    }
    const work = Promise.resolve()
      .then(() => this.guard.run(() => this.store(spans)))
      .then(
        () => {
          this.counters.exports += 1;
          resultCallback({ code: ExportResultCode.SUCCESS });
        },
        (error: unknown) => {
          this.counters.failedExports += 1;
          resultCallback({ code: ExportResultCode.FAILED, error: toError(error) });
        },
      );
    this.inFlight.add(work);
    // Only the caller's callback can reject `work` (it was called, once): report it rather than let it become
    // an unhandled rejection, which Node turns into a crash of the application the exporter runs in.
    void work.catch(reportCallbackError).finally(() => this.inFlight.delete(work));
  }

  private async store(spans: readonly ReadableSpan[]): Promise<void> {
    const writes = planWrites(spans.map(fromReadableSpan), this.limits.maxSpansPerTrace);
    const outcome = await writeTraces(this.resolved.client, this.keys, writes, this.limits);
    this.counters.storedSpans += outcome.stored;
    this.counters.droppedSpans += outcome.dropped;
    this.counters.evictedTraces += outcome.evicted.length;
  }

  /** Resolves when every export started so far has called back. */
  async forceFlush(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Waits for pending exports, then closes the client if the exporter created it. Later exports report
   * FAILED. Idempotent.
   */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.forceFlush().then(() => releaseClient(this.resolved));
    return this.shutdownPromise;
  }

  /** A copy of the counters since creation. */
  stats(): RedisSpanExporterStats {
    return { ...this.counters };
  }

  /**
   * Reads up to `limit` buffered spans (stored but not yet forwarded) as `ReadableSpan`s without marking
   * them: call `markForwarded()` on the result once the backend accepted them (at-least-once delivery).
   * Requires `buffer: true`; rejects otherwise.
   */
  async readBuffered(limit: number): Promise<BufferedBatch> {
    if (!this.limits.buffer) throw new Error('RedisSpanExporter was created without `buffer: true`');
    return readBuffered(this.resolved.client, this.keys, limit);
  }

  /**
   * Reads up to `limit` buffered spans and marks them forwarded at once (at-most-once: if sending them
   * then fails, they are not offered again). Prefer {@link readBuffered} when losing spans matters.
   */
  async drainBuffered(limit: number): Promise<ReadableSpan[]> {
    const batch = await this.readBuffered(limit);
    await batch.markForwarded();
    return batch.spans;
  }
}
