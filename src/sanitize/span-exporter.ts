import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { SanitizeOptions } from './options';
import { resolveSanitizer } from './resolve-sanitizer';
import type { Sanitizer } from './sanitizer';
import { isSanitizedAtSource, readSourceMarks } from './source-marks';
import { sanitizeSpan } from './span-view';

/**
 * Wraps any span exporter and sanitizes each batch just before it leaves the process (spans QueueOtel sanitized
 * where it recorded them pass as they are). Use it when you do
 * not control the processor (for example with `NodeSDK({ traceExporter })`); it sees exactly what goes on
 * the wire. A span that cannot be sanitized is left out of the batch (counted as `spansDropped`).
 * @example
 * new NodeSDK({ traceExporter: new SanitizingSpanExporter(new OTLPTraceExporter()) });
 */
export class SanitizingSpanExporter implements SpanExporter {
  /** The sanitizer in use; read its `stats()` to see what was redacted. */
  readonly sanitizer: Sanitizer;

  /**
   * @param delegate receives the sanitized spans.
   * @param sanitizer a {@link Sanitizer}, or options for a new one (default: the process-wide `defaultSanitizer()`).
   */
  constructor(
    private readonly delegate: SpanExporter,
    sanitizer?: Sanitizer | SanitizeOptions,
  ) {
    this.sanitizer = resolveSanitizer(sanitizer);
    readSourceMarks();
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const clean: ReadableSpan[] = [];
    for (const span of spans) {
      try {
        clean.push(isSanitizedAtSource(span) ? span : sanitizeSpan(span, this.sanitizer));
      } catch {
        this.sanitizer.countDroppedSpan();
      }
    }
    this.delegate.export(clean, resultCallback);
  }

  shutdown(): Promise<void> {
    return this.delegate.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.delegate.forceFlush?.() ?? Promise.resolve();
  }
}
