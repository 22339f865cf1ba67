import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { checkOptionNames } from '../options';
import type { CircuitState } from './circuit-breaker';
import { ResilientExportDefaults as D } from './defaults';
import type { ExportDropReason, ExportHooks } from './export-hooks';
import type { OverflowPolicy } from './span-queue';

/**
 * Options of {@link ResilientSpanExporter}; every number is validated (a bad one throws a RangeError naming it), and
 * a name that is no option is a TypeError naming the nearest one.
 */
export interface ResilientSpanExporterOptions extends ExportHooks {
  /** Spans held in memory (waiting plus the batch in flight). @default 2048 */
  maxBufferedSpans?: number;
  /** Spans per request to the wrapped exporter; at most `maxBufferedSpans`. @default 512 */
  maxExportBatchSize?: number;
  /** An attempt not answered within this time fails (the request is abandoned, not awaited). @default 10000 */
  exportTimeoutMillis?: number;
  /** First retry delay ceiling, doubled per consecutive failure, with jitter. @default 1000 */
  backoffBaseMillis?: number;
  /** Largest retry delay. @default 30000 */
  backoffMaxMillis?: number;
  /** Consecutive failures that open the circuit. @default 5 */
  failureThreshold?: number;
  /** How long the open circuit waits before sending one probe batch. @default 30000 */
  cooldownMillis?: number;
  /** Longest `forceFlush()`, and the flush inside `shutdown()`. @default 10000 */
  flushTimeoutMillis?: number;
  /** Which spans go when the buffer is full. @default 'drop-oldest' */
  overflow?: OverflowPolicy;
  /**
   * Takes the spans that would otherwise be dropped (buffer overflow, and what is left at shutdown), e.g. a
   * `RedisSpanExporter` created with `buffer: true`. If it has `readBuffered(limit)`, what it holds is
   * re-exported once the backend accepts spans again. Shut down with this exporter.
   */
  fallback?: SpanExporter;
  /**
   * Spans handed to the fallback and not yet answered for, at most; beyond, overflow is dropped
   * (`buffer_full`) so a slow fallback cannot grow memory. @default maxBufferedSpans
   */
  maxFallbackPendingSpans?: number;
  /** Re-export spans from a fallback that supports `readBuffered`. @default true */
  replayFromFallback?: boolean;
  /** `backend` label of the primary exporter's errors on the health sink. @default 'otlp' */
  backend?: string;
  /** `backend` label of the fallback's errors on the health sink. @default 'fallback' */
  fallbackBackend?: string;
  /** Clock, injectable for tests. @default Date.now */
  now?: () => number;
  /** Randomness of the backoff jitter, in [0, 1). @default Math.random */
  random?: () => number;
}

/** Settings after defaults and validation. */
export interface ResolvedResilientOptions {
  maxBufferedSpans: number;
  maxExportBatchSize: number;
  maxFallbackPendingSpans: number;
  exportTimeoutMillis: number;
  backoffBaseMillis: number;
  backoffMaxMillis: number;
  failureThreshold: number;
  cooldownMillis: number;
  flushTimeoutMillis: number;
  overflow: OverflowPolicy;
  replayFromFallback: boolean;
  backend: string;
  fallbackBackend: string;
  now: () => number;
  random: () => number;
}

/**
 * Counters of a {@link ResilientSpanExporter} since creation. Every accepted span is in exactly one place:
 * `accepted = exported + buffered + spilled + fallbackPending + droppedTotal`.
 */
export interface ResilientExporterStats {
  /** Spans handed to `export()` (before shutdown). */
  accepted: number;
  /** Spans held in memory now: waiting plus in flight. Never above `capacity`. */
  buffered: number;
  /** Of `buffered`, spans in the request being sent. */
  inFlight: number;
  /** `maxBufferedSpans`. */
  capacity: number;
  /** Spans the wrapped exporter accepted. */
  exported: number;
  /** Spans the fallback accepted instead of being dropped. */
  spilled: number;
  /** Spans handed to the fallback that it has not answered for yet. */
  fallbackPending: number;
  /** Spans read back from the fallback and accepted by the wrapped exporter. */
  replayed: number;
  /** Replayed spans the backend refused for good (not part of `dropped`). */
  replayRejected: number;
  /** Spans dropped, by reason. */
  dropped: Record<ExportDropReason, number>;
  /** Sum of `dropped`. */
  droppedTotal: number;
  /** Failed attempts (primary exporter, live or replay), timeouts included. */
  failures: number;
  /** Failed attempts since the last success. */
  consecutiveFailures: number;
  /** The circuit's state now. */
  circuit: CircuitState;
  /** Times the circuit opened. */
  circuitOpened: number;
  /** Times it closed again after a successful probe. */
  circuitClosed: number;
}

/**
 * Every option, so a misspelt one is refused: `max_buffered_spans: 100` or `onDroped: count` did nothing, the buffer
 * kept 2048 spans and drops went unheard. Typed so that a new option must be added here.
 */
export const RESILIENT_OPTIONS: Readonly<Record<keyof ResilientSpanExporterOptions, true>> = {
  maxBufferedSpans: true, maxExportBatchSize: true, exportTimeoutMillis: true, backoffBaseMillis: true, backoffMaxMillis: true,
  failureThreshold: true, cooldownMillis: true, flushTimeoutMillis: true, overflow: true, fallback: true, maxFallbackPendingSpans: true,
  replayFromFallback: true, backend: true, fallbackBackend: true, now: true, random: true, health: true, onExportError: true,
  onDropped: true, onCircuitStateChange: true,
};

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v <= 0) throw new RangeError(`queue-otel: ${name} must be a positive integer, got ${String(value)}`);
  return v;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`queue-otel: ${name} must be a finite number >= 0, got ${String(value)}`);
  return v;
}

/**
 * Applies defaults and validates.
 * @throws TypeError for a name that is no option (naming the nearest one); RangeError naming an option out of range.
 * @example
 * resolveResilientOptions({ maxBufferedSpans: 100 }).maxExportBatchSize; // 100 (clamped to the buffer)
 */
export function resolveResilientOptions(options: ResilientSpanExporterOptions): ResolvedResilientOptions {
  checkOptionNames(options, RESILIENT_OPTIONS, 'ResilientSpanExporter');
  const maxBufferedSpans = positiveInt('maxBufferedSpans', options.maxBufferedSpans, D.maxBufferedSpans);
  const overflow = options.overflow ?? D.overflow;
  if (overflow !== 'drop-oldest' && overflow !== 'drop-newest') {
    throw new RangeError(`queue-otel: overflow must be 'drop-oldest' or 'drop-newest', got ${String(overflow)}`);
  }
  const backoffBaseMillis = nonNegative('backoffBaseMillis', options.backoffBaseMillis, D.backoffBaseMillis);
  return {
    maxBufferedSpans,
    // A batch larger than the buffer could never be put back whole after a failure.
    maxExportBatchSize: Math.min(maxBufferedSpans, positiveInt('maxExportBatchSize', options.maxExportBatchSize, D.maxExportBatchSize)),
    maxFallbackPendingSpans: positiveInt('maxFallbackPendingSpans', options.maxFallbackPendingSpans, maxBufferedSpans),
    exportTimeoutMillis: positiveInt('exportTimeoutMillis', options.exportTimeoutMillis, D.exportTimeoutMillis),
    backoffBaseMillis,
    backoffMaxMillis: Math.max(backoffBaseMillis, nonNegative('backoffMaxMillis', options.backoffMaxMillis, D.backoffMaxMillis)),
    failureThreshold: positiveInt('failureThreshold', options.failureThreshold, D.failureThreshold),
    cooldownMillis: nonNegative('cooldownMillis', options.cooldownMillis, D.cooldownMillis),
    flushTimeoutMillis: nonNegative('flushTimeoutMillis', options.flushTimeoutMillis, D.flushTimeoutMillis),
    overflow,
    replayFromFallback: options.replayFromFallback ?? true,
    backend: options.backend ?? D.backend,
    fallbackBackend: options.fallbackBackend ?? D.fallbackBackend,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  };
}
