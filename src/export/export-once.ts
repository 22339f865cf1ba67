import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { toError } from './errors';

/** The wrapped exporter did not call back within the export timeout. */
export class ExportTimeoutError extends Error {
  override readonly name = 'ExportTimeoutError';
  constructor(millis: number) {
    super(`export did not complete within ${millis} ms`);
  }
}

/** Result of {@link exportOnce}: success, or the error the exporter (or the timeout) reported. */
export type ExportOutcome = { ok: true } | { ok: false; error: Error };

/**
 * Runs one `exporter.export(spans)` and settles on its callback or after `timeoutMillis`, whichever comes
 * first. Never rejects. A callback after the timeout is ignored: the spans are then retried, so a backend
 * that was merely slow may receive them twice (at-least-once). The timer is unref'ed.
 *
 * @example
 * const outcome = await exportOnce(otlpExporter, batch, 10_000);
 * if (!outcome.ok) console.warn(outcome.error.message);
 */
export function exportOnce(exporter: SpanExporter, spans: ReadableSpan[], timeoutMillis: number): Promise<ExportOutcome> {
  return new Promise<ExportOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: ExportOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ ok: false, error: new ExportTimeoutError(timeoutMillis) }), timeoutMillis);
    timer.unref();
    try {
      exporter.export(spans, (result) => {
        settle(result.code === ExportResultCode.SUCCESS ? { ok: true } : { ok: false, error: toError(result.error, 'export failed') });
      });
    } catch (error) {
      // Exporters should not throw, but one that does must count as a failed attempt, not crash the sender.
      settle({ ok: false, error: toError(error, 'export threw') });
    }
  });
}
