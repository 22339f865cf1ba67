import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** Spans read back from a fallback, to be acknowledged once the backend took them. */
export interface ReplayBatch {
  /** Spans to re-export, oldest first. */
  spans: ReadableSpan[];
  /** Marks exactly these spans as forwarded, so they are not offered again. */
  markForwarded(): Promise<void>;
}

/**
 * A fallback exporter whose stored spans can be read back: `RedisSpanExporter` from `src/store` (created with
 * `buffer: true`) has this shape. Reading does not consume; `markForwarded()` does, so delivery is at least
 * once.
 */
export interface ReplayableSpanExporter extends SpanExporter {
  /** Reads up to `limit` spans not yet forwarded, without marking them. */
  readBuffered(limit: number): Promise<ReplayBatch>;
}

/**
 * True when `exporter` can give back what it stored (has a `readBuffered` method).
 * @example
 * if (isReplayable(fallback)) { const batch = await fallback.readBuffered(100); }
 */
export function isReplayable(exporter: SpanExporter | undefined): exporter is ReplayableSpanExporter {
  return typeof (exporter as { readBuffered?: unknown } | undefined)?.readBuffered === 'function';
}
