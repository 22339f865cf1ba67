/**
 * How a trace ended, for its mark in the trace list: a job that failed an attempt and then completed is not a
 * failure. Its retried attempt's span has status error (the attempt did fail) and `bullmq.job.outcome` retried.
 */
import type { TraceSpan } from 'queue-otel/traces';
import { outcomeOfSpan } from '../../timing/job-timing.js';

/** `ok`: no error span; `retried`: every error span is an attempt that was retried; `error`: anything else. */
export type TraceOutcome = 'ok' | 'retried' | 'error';

/** The outcome of a trace from its spans. */
export function traceOutcome(spans: readonly TraceSpan[]): TraceOutcome {
  const errors = spans.filter((span) => span.status === 'error');
  if (errors.length === 0) return 'ok';
  return errors.every((span) => outcomeOfSpan(span) === 'retried') ? 'retried' : 'error';
}

/** The mark of an outcome: ✗ failed, ↻ an attempt failed and was retried, ✓ ok. */
export function outcomeMark(outcome: TraceOutcome): string {
  return outcome === 'error' ? '✗' : outcome === 'retried' ? '↻' : '✓';
}
