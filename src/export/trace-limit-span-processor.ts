import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { checkOptionNames } from '../options';
import { TraceLimitDefaults as D } from './defaults';
import { safely } from './export-hooks';
import { TraceSpanCounter } from './trace-span-counter';
import { noTrims, trimmedData } from './trimmed-data';
import type { TrimKind } from './trimmed-data';

/** Options of {@link TraceLimitSpanProcessor}. */
export interface TraceLimitSpanProcessorOptions {
  /** Spans of one trace passed to the delegate; later-started spans are dropped and counted. @default 1000 */
  maxSpansPerTrace?: number;
  /** Traces whose counts are remembered at once (about 100 bytes each). @default 10000 */
  maxTrackedTraces?: number;
  /** A trace with no new span for this long is forgotten. @default 1800000 (30 min) */
  traceTtlMillis?: number;
  /**
   * The SDK's `attributeValueLengthLimit` (as from `spanLimitsFrom`), to count values cut to it; unset,
   * cut values are not counted.
   */
  attributeValueLengthLimit?: number;
  /**
   * Health counters, e.g. a `TracingHealthMetrics`: dropped spans are counted with reason `trace_span_limit`, and
   * what the SDK trimmed (when `spanDataTrimmed` is there) by {@link TrimKind}.
   */
  health?: { spansDropped(reason: string, count?: number): void; spanDataTrimmed?(kind: TrimKind, count?: number): void };
  /** Called for every span dropped by the per-trace limit. */
  onDropped?: (reason: 'trace_span_limit', count: number) => void;
  /** Called for every span passed on that the SDK had trimmed, once per kind. */
  onTrimmed?: (kind: TrimKind, count: number) => void;
  /** Clock, injectable for tests. @default Date.now */
  now?: () => number;
}

/** Every option, so that a misspelt one is refused (typed so that a new option must be added here). */
const TRACE_LIMIT_OPTIONS: Readonly<Record<keyof TraceLimitSpanProcessorOptions, true>> = {
  maxSpansPerTrace: true, maxTrackedTraces: true, traceTtlMillis: true, attributeValueLengthLimit: true, health: true,
  onDropped: true, onTrimmed: true, now: true,
};

/**
 * The checks of the counting options. Unchecked, a slip turned the limit off without a word: `maxSpansPerTace: 50`
 * kept 1000, and a `maxTrackedTraces` or `traceTtlMillis` of `NaN` (an unset variable through `Number()`) made the
 * counter forget every trace at once, so no trace ever reached its limit.
 */
function checkLimitOptions(options: TraceLimitSpanProcessorOptions): void {
  checkOptionNames(options, TRACE_LIMIT_OPTIONS, 'TraceLimitSpanProcessor');
  const tracked = options.maxTrackedTraces;
  if (tracked !== undefined && (!Number.isSafeInteger(tracked) || tracked < 1)) {
    throw new RangeError(`queue-otel: maxTrackedTraces must be a positive integer, got ${String(tracked)}`);
  }
  const ttl = options.traceTtlMillis;
  if (ttl !== undefined && (typeof ttl !== 'number' || Number.isNaN(ttl) || ttl <= 0)) {
    throw new RangeError(`queue-otel: traceTtlMillis must be a positive number of milliseconds, got ${String(ttl)}`);
  }
}

/** Counters of a {@link TraceLimitSpanProcessor} since creation. */
export interface TraceLimitStats {
  /** Spans passed to the delegate. */
  passed: number;
  /** Spans dropped because their trace already had `maxSpansPerTrace`. */
  dropped: number;
  /** What the SDK had trimmed from the spans passed on, by kind. */
  trimmed: Record<TrimKind, number>;
  /** Traces whose counts are remembered now. */
  trackedTraces: number;
}

/**
 * Passes at most `maxSpansPerTrace` spans of each trace to `delegate` (typically a BatchSpanProcessor), so a
 * runaway job (a loop creating spans, a flow with thousands of children) cannot flood the export buffer. The
 * first spans started are kept, so roots and parents survive; the rest are dropped at their end and counted.
 * It also counts what the SDK trimmed under its `SpanLimits`, so nothing is trimmed silently.
 *
 * @example
 * const processor = new TraceLimitSpanProcessor(new BatchSpanProcessor(exporter), {
 *   maxSpansPerTrace: 500,
 *   health: new TracingHealthMetrics({ registry }),
 * });
 */
export class TraceLimitSpanProcessor implements SpanProcessor {
  readonly #delegate: SpanProcessor;
  readonly #max: number;
  readonly #counter: TraceSpanCounter;
  readonly #over = new WeakSet<object>();
  readonly #options: TraceLimitSpanProcessorOptions;
  readonly #trimmed = noTrims();
  #passed = 0;
  #dropped = 0;

  /**
   * @throws TypeError for a name that is no option (naming the nearest one); RangeError when `maxSpansPerTrace` is not
   *   a non-negative integer, `maxTrackedTraces` not a positive integer or `traceTtlMillis` not a positive number.
   */
  constructor(delegate: SpanProcessor, options: TraceLimitSpanProcessorOptions = {}) {
    checkLimitOptions(options);
    const max = options.maxSpansPerTrace ?? D.maxSpansPerTrace;
    if (!Number.isInteger(max) || max < 0) throw new RangeError(`queue-otel: maxSpansPerTrace must be a non-negative integer, got ${String(max)}`);
    this.#delegate = delegate;
    this.#max = max;
    this.#options = options;
    this.#counter = new TraceSpanCounter(options.maxTrackedTraces ?? D.maxTrackedTraces, options.traceTtlMillis ?? D.traceTtlMillis, options.now);
  }

  /** Counts the span against its trace; a span over the limit never reaches the delegate. */
  onStart(span: Span, parentContext: Context): void {
    if (this.#counter.increment(span.spanContext().traceId) > this.#max) {
      this.#over.add(span);
      return;
    }
    this.#delegate.onStart(span, parentContext);
  }

  /** Forwards to the delegate unless the span is over the limit. */
  onEnding(span: Span): void {
    if (!this.#over.has(span)) this.#delegate.onEnding?.(span);
  }

  /** Drops and counts a span over the limit; counts what the SDK trimmed from the others and passes them on. */
  onEnd(span: ReadableSpan): void {
    if (this.#over.has(span)) {
      this.#over.delete(span);
      this.#dropped += 1;
      safely(() => this.#options.health?.spansDropped('trace_span_limit', 1));
      safely(() => this.#options.onDropped?.('trace_span_limit', 1));
      return;
    }
    this.#passed += 1;
    const trims = trimmedData(span, this.#options.attributeValueLengthLimit);
    for (const [kind, count] of Object.entries(trims) as Array<[TrimKind, number]>) {
      this.#trimmed[kind] += count;
      safely(() => this.#options.health?.spanDataTrimmed?.(kind, count));
      safely(() => this.#options.onTrimmed?.(kind, count));
    }
    this.#delegate.onEnd(span);
  }

  /** Flushes the delegate. */
  forceFlush(): Promise<void> {
    return this.#delegate.forceFlush();
  }

  /** Shuts the delegate down. */
  shutdown(): Promise<void> {
    return this.#delegate.shutdown();
  }

  /** A snapshot of the counters. */
  stats(): TraceLimitStats {
    return { passed: this.#passed, dropped: this.#dropped, trimmed: { ...this.#trimmed }, trackedTraces: this.#counter.size };
  }
}
