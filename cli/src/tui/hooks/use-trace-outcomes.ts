/**
 * The outcome (✗ failed, ↻ retried, ? not known from an incomplete trace) of the error traces on screen. The span
 * store's summary only says that a trace has an error span; telling a retried attempt from a failure needs the spans,
 * so those of the visible error traces are read, once per trace and write (a trace written again is read again),
 * never more than the rows on screen.
 */
import { useEffect, useRef, useState } from 'react';
import type { TraceSummary } from 'queue-otel/store';
import type { TuiServices } from '../../cli/services-types.js';
import { readOutcome } from '../model/trace-outcome.js';
import type { TraceOutcome } from '../model/trace-outcome.js';

/** Outcomes by trace id of the error traces among `visible`. */
export function useTraceOutcomes(services: TuiServices, visible: readonly TraceSummary[]): ReadonlyMap<string, TraceOutcome> {
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, TraceOutcome>>(new Map());
  const readAt = useRef(new Map<string, number>());
  const wanted = visible.filter((trace) => trace.error && readAt.current.get(trace.traceId) !== trace.lastWriteMs);
  const key = wanted.map((trace) => `${trace.traceId}@${trace.lastWriteMs}`).join(',');
  useEffect(() => {
    if (!key) return;
    for (const trace of wanted) readAt.current.set(trace.traceId, trace.lastWriteMs);
    void Promise.all(wanted.map(async (trace) => {
      try {
        return [trace.traceId, readOutcome(await services.readTrace(trace.traceId))] as const;
      } catch {
        // Unknown until the trace is written again: the list keeps the summary's ✗.
        return undefined;
      }
    })).then((read) => {
      // Stored even when the screen moved on meanwhile: the read is not repeated for the same write.
      setOutcomes((previous) => {
        const next = new Map(previous);
        for (const entry of read) if (entry) next.set(entry[0], entry[1]);
        return next;
      });
    });
  }, [key]);
  return outcomes;
}
