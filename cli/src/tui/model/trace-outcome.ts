/**
 * How a trace ended, for its mark in the trace list: a job that failed an attempt and then completed is not a
 * failure. Its retried attempt's span has status error (the attempt did fail) and `bullmq.job.outcome` retried.
 */
import type { TraceRead, TraceSpan } from 'queue-otel/traces';
import { outcomeOfSpan } from '../../timing/job-timing.js';

/**
 * `ok`: no error span; `retried`: every error span is an attempt that was retried; `error`: anything else;
 * `unknown`: the trace is incomplete and its spans show no failure: a missing span may hold one, or not.
 */
export type TraceOutcome = 'ok' | 'retried' | 'error' | 'unknown';

/** The outcome of a trace from its spans. */
export function traceOutcome(spans: readonly TraceSpan[]): TraceOutcome {
  const errors = spans.filter((span) => span.status === 'error');
  if (errors.length === 0) return 'ok';
  return errors.every((span) => outcomeOfSpan(span) === 'retried') ? 'retried' : 'error';
}

/**
 * The outcome of a trace as its source read it. Of an incomplete trace only `error` is final (a span missing from the
 * read cannot undo a failure the read shows); `ok` or `retried` from part of the spans would be a guess.
 */
export function readOutcome(read: Pick<TraceRead, 'spans' | 'partial'>): TraceOutcome {
  const outcome = traceOutcome(read.spans);
  return read.partial && outcome !== 'error' ? 'unknown' : outcome;
}

/** The mark of an outcome: ✗ failed, ↻ an attempt failed and was retried, ? not known (incomplete trace), ✓ ok. */
export function outcomeMark(outcome: TraceOutcome): string {
  return outcome === 'error' ? '✗' : outcome === 'retried' ? '↻' : outcome === 'unknown' ? '?' : '✓';
}
