/**
 * What the store keeps per span: the normalised {@link TraceSpan} plus the little extra that re-exporting
 * through OTLP needs (instrumentation scope, whether the parent came from another process).
 */
import type { TraceSpan } from '../traces/span-model';

/** The instrumentation scope that produced a span. */
export interface StoredScope {
  name: string;
  version?: string;
  schemaUrl?: string;
}

/** A stored span: a {@link TraceSpan} and the fields needed to rebuild a `ReadableSpan` from it. */
export interface StoredSpan extends TraceSpan {
  scope?: StoredScope;
  /** True when the parent span context was extracted from a carrier (for example a job's `tm`). */
  parentIsRemote?: boolean;
}

/** Drops the re-export extras, giving the plain span model readers expect. */
export function toTraceSpan(span: StoredSpan): TraceSpan {
  const { scope: _scope, parentIsRemote: _remote, ...plain } = span;
  return plain;
}
