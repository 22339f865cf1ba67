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
  /** Outcomes of error traces read so far (✗ failed, ↻ retried). */
  outcomes: ReadonlyMap<string, TraceOutcome>;
  /** What an empty list says: loading, nothing stored, or nothing matching the filter. */
  empty: string;
}

/**
 * Failed traces are red, retried ones yellow. The selected trace keeps its `›` while the waterfall has the focus
 * (it is the one drawn there, for instance the trace opened from a job), inverted while the list has it.
 */
export function TraceList({ traces, selected, window, width, focused, outcomes, empty }: TraceListProps): React.JSX.Element {
  return (
    <Box flexDirection="column">
      {traces.length === 0 ? <Text dimColor>{empty}</Text> : null}
      {traces.slice(window.start, window.end).map((trace, offset) => {
        const index = window.start + offset;
        const isSelected = index === selected;
        const outcome = outcomes.get(trace.traceId);
        const colour = !trace.error ? undefined : outcome === 'retried' ? 'yellow' : 'red';
        return <ListRow key={trace.traceId} text={`${isSelected ? '›' : ' '}${traceLine(trace, width - 1, undefined, outcome)}`} selected={isSelected && focused}
          color={colour} dim={!isSelected && !focused} />;
      })}
    </Box>
  );
}
