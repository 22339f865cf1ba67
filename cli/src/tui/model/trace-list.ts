/** The trace list: filtering by `/` text or a `Ctrl+T` id prefix, and one line per trace. */
import type { TraceSummary } from 'queue-otel/store';
import { formatDuration } from 'queue-otel/traces';
import { cell, formatAge } from './format.js';

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

/** One trace: status mark, root name, duration, span count, age and as much of the id as fits. */
export function traceLine(trace: TraceSummary, width: number, now = Date.now()): string {
  const mark = trace.error ? '✗' : '✓';
  const idWidth = width >= 90 ? 32 : width >= 36 ? 8 : 0;
  const showAge = width >= 70;
  const showSpans = width >= 56;
  const fixed = 2 + 9 + (showSpans ? 5 : 0) + (showAge ? 9 : 0) + (idWidth ? idWidth + 1 : 0);
  const nameWidth = Math.max(6, width - fixed);
  return [
    mark,
    cell(trace.rootName ?? ROOT_NOT_STORED, nameWidth),
    cell(formatDuration(trace.durationUs), 8, 'right'),
    showSpans ? cell(String(trace.spanCount), 4, 'right') : '',
    showAge ? cell(formatAge(trace.lastWriteMs, now), 8, 'right') : '',
    idWidth ? cell(trace.traceId, idWidth) : '',
  ].filter(Boolean).join(' ');
}
