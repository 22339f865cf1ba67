import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SanitizeOptions } from './options';
import { resolveSanitizer } from './resolve-sanitizer';
import type { Sanitizer } from './sanitizer';
import { isSanitizedAtSource, readSourceMarks } from './source-marks';
import { sanitizeSpan } from './span-view';

/**
 * Wraps a span processor (typically a `BatchSpanProcessor`) and hands it a sanitized view of every finished
 * span of the application (HTTP, database ...). Spans QueueOtel sanitized where it recorded them are passed on as
 * they are: QueueOtel owns its spans' sanitizing, and they are not scanned twice. Register it *instead of* the
 * delegate: a processor registered next to it still sees the raw span.
 *
 * If sanitizing a span ever throws, the span is withheld (counted as `spansDropped`) rather than exported raw.
 * @example
 * new BasicTracerProvider({
 *   spanProcessors: [new SanitizingSpanProcessor(new BatchSpanProcessor(new OTLPTraceExporter()))],
 * });
 */
export class SanitizingSpanProcessor implements SpanProcessor {
  /** The sanitizer in use; read its `stats()` to see what was redacted. */
  readonly sanitizer: Sanitizer;

  /**
   * @param delegate receives the sanitized spans.
   * @param sanitizer a {@link Sanitizer}, or options for a new one (default: the process-wide `defaultSanitizer()`).
   */
  constructor(
    private readonly delegate: SpanProcessor,
    sanitizer?: Sanitizer | SanitizeOptions,
  ) {
    this.sanitizer = resolveSanitizer(sanitizer);
    readSourceMarks();
  }

  onStart(span: Span, parentContext: Context): void {
    this.delegate.onStart(span, parentContext);
  }

  onEnding(span: Span): void {
    this.delegate.onEnding?.(span);
  }

  onEnd(span: ReadableSpan): void {
    if (isSanitizedAtSource(span)) {
      this.delegate.onEnd(span);
      return;
    }
    let view: ReadableSpan;
    try {
      view = sanitizeSpan(span, this.sanitizer);
    } catch {
      this.sanitizer.countDroppedSpan();
      return;
    }
    this.delegate.onEnd(view);
  }

  forceFlush(): Promise<void> {
    return this.delegate.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.delegate.shutdown();
  }
}
