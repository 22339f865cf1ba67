/** The list of recent traces with status indicators, newest first. */
import React from 'react';
import { Box } from 'ink';
import type { TraceSummary } from 'queue-otel/store';
import { traceLine } from '../model/trace-list.js';
import type { TraceOutcome } from '../model/trace-outcome.js';
import type { RowWindow } from '../model/window.js';
import { ListRow } from './list-row.js';
import { Text } from './text.js';

/** Props of {@link TraceList}. */
export interface TraceListProps {
  traces: readonly TraceSummary[];
  selected: number;
  /** The rows on screen. */
  window: RowWindow;
  width: number;
  focused: boolean;
  /** Outcomes of error traces read so far (✗ failed, ↻ retried, ? not known: the trace read was incomplete). */
  outcomes: ReadonlyMap<string, TraceOutcome>;
  /** What an empty list says: loading, nothing stored, or nothing matching the filter. */
  empty: string;
  /** A first line, dimmed: the list does not hold the trace the waterfall draws (then no row is marked). */
  note?: string;
}

/**
 * Failed traces are red, retried ones yellow; so is one whose outcome an incomplete read cannot tell (`?`), as the
 * waterfall's incomplete line is. While the waterfall has the focus `selected` is the trace drawn
 * there (for instance the trace opened from a job), marked `›`; inverted while the list has the focus. -1 marks
 * none.
 */
export function TraceList({ traces, selected, window, width, focused, outcomes, empty, note }: TraceListProps): React.JSX.Element {
  return (
    <Box flexDirection="column">
      {note ? <Text dimColor wrap="truncate">{note}</Text> : null}
      {traces.length === 0 ? <Text dimColor>{empty}</Text> : null}
      {traces.slice(window.start, window.end).map((trace, offset) => {
        const index = window.start + offset;
        const isSelected = index === selected;
        const outcome = outcomes.get(trace.traceId);
        const colour = !trace.error ? undefined : outcome === 'retried' || outcome === 'unknown' ? 'yellow' : 'red';
        return <ListRow key={trace.traceId} text={`${isSelected ? '›' : ' '}${traceLine(trace, width - 1, undefined, outcome)}`} selected={isSelected && focused}
          color={colour} dim={!isSelected && !focused} />;
      })}
    </Box>
  );
}
