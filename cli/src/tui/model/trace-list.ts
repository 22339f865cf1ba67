/** The trace list: filtering by `/` text or a `Ctrl+T` id prefix, and one line per trace. */
import type { TraceSummary } from 'queue-otel/store';
import { formatDuration, terminalSafe } from 'queue-otel/traces';
import { cell, formatAge } from './format.js';
import { outcomeMark } from './trace-outcome.js';
import type { TraceOutcome } from './trace-outcome.js';

/**
 * Shown for a trace whose root span is not in the store: its batch has not been written yet (the worker's
 * spans often arrive before the producer's), or the root belongs to a service that exports elsewhere.
 */
export const ROOT_NOT_STORED = '(root not stored)';

/** Traces whose id starts with the filter or whose root name contains it (case-insensitive). */
export function filterTraces(traces: readonly TraceSummary[], filter: string | undefined): TraceSummary[] {
  const text = (filter ?? '').trim().toLowerCase();
  if (!text) return [...traces];
  return traces.filter((trace) => trace.traceId.startsWith(text) || (trace.rootName ?? '').toLowerCase().includes(text));
}

/** `5s`, `3m`, `2h`, `4d`: an age in three or four columns. */
export function shortAge(ms: number, now = Date.now()): string {
  return formatAge(ms, now).replace(/ ago$/, '');
}

/**
 * One trace: status mark, root name, duration, span count, age and as much of the id as fits. The id prefix and
 * the age come before the span count and the name's length: they are what tells two `POST /checkout` apart.
 * `outcome` refines an error trace (✗) whose only errors are retried attempts (↻), or whose spans as read do not
 * tell because the source returned only part of them (?).
 */
export function traceLine(trace: TraceSummary, width: number, now = Date.now(), outcome?: TraceOutcome): string {
  const mark = outcomeMark(trace.error ? outcome === 'retried' || outcome === 'unknown' ? outcome : 'error' : 'ok');
  const idWidth = width >= 90 ? 32 : width >= 56 ? 8 : width >= 28 ? 6 : 0;
  const ageWidth = width >= 56 ? 8 : width >= 28 ? 3 : 0;
  // An id prefix, never an ellipsis: the prefix is what Ctrl+T and `/` take.
  const idPrefix = Array.from(terminalSafe(trace.traceId)).slice(0, idWidth).join('');
  const showSpans = width >= 56;
  const fixed = 2 + 9 + (showSpans ? 5 : 0) + (ageWidth ? ageWidth + 1 : 0) + (idWidth ? idWidth + 1 : 0);
  const nameWidth = Math.max(6, width - fixed);
  const age = ageWidth >= 8 ? formatAge(trace.lastWriteMs, now) : shortAge(trace.lastWriteMs, now);
  return [
    mark,
    cell(trace.rootName ?? ROOT_NOT_STORED, nameWidth),
    cell(formatDuration(trace.durationUs), 8, 'right'),
    showSpans ? cell(String(trace.spanCount), 4, 'right') : '',
    ageWidth ? cell(age, ageWidth, 'right') : '',
    idWidth ? cell(idPrefix, idWidth) : '',
  ].filter(Boolean).join(' ');
}
