/** The list of recent traces with status indicators, newest first. */
import React from 'react';
import { Box } from 'ink';
import type { TraceSummary } from 'queue-otel/store';
import { traceLine } from '../model/trace-list.js';
import { scrollWindow } from '../model/window.js';
import { ListRow } from './list-row.js';
import { Text } from './text.js';

/** Props of {@link TraceList}. */
export interface TraceListProps {
  traces: readonly TraceSummary[];
  selected: number;
  width: number;
  height: number;
  focused: boolean;
}

/** Error traces are red; the selection is inverted while the list has the focus. */
export function TraceList({ traces, selected, width, height, focused }: TraceListProps): React.JSX.Element {
  const window = scrollWindow(traces.length, selected, height);
  return (
    <Box flexDirection="column">
      {traces.length === 0 ? <Text dimColor>no traces stored</Text> : null}
      {traces.slice(window.start, window.end).map((trace, offset) => {
        const index = window.start + offset;
        return <ListRow key={trace.traceId} text={traceLine(trace, width)} selected={index === selected && focused}
          color={trace.error ? 'red' : undefined} dim={index !== selected && !focused} />;
      })}
    </Box>
  );
}
