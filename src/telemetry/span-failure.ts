import type { Attributes, Exception } from '@opentelemetry/api';
import { BullmqAttributes, categorizeFailure, ErrorAttributes, errorMessageOf } from '../vocabulary';

/** How a failed attempt or operation is written on its span. */
export interface SpanFailure {
  /** `error.type` and the failure category. */
  attributes: Attributes;
  /** What the exception event records. */
  exception: Exception;
  /** The status message. */
  message: string;
}

/**
 * The failure of a span: the error's class as `error.type` (`errorType`, already derived from `error`), a category,
 * the exception, and the message (BullMQ's failed reason when it gave one). `error` is anything a handler threw.
 */
export function spanFailure(error: unknown, errorType: string, failedReason: string | undefined): SpanFailure {
  const message = failedReason ?? errorMessageOf(error);
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return {
    attributes: { [ErrorAttributes.errorType]: errorType, [BullmqAttributes.failureCategory]: categorizeFailure(errorType, message, code) },
    exception: error instanceof Error ? error : { name: errorType, message },
    message,
  };
}
