/** Renders labelled info lines (span details), clipped to a height, starting at a scroll offset. */
import React from 'react';
import { Box } from 'ink';
import { cell } from '../model/format.js';
import type { InfoLine } from '../model/job-info.js';
import { Text } from './text.js';

const TONES = { error: 'red', trace: 'magenta', dim: 'gray', warn: 'yellow' } as const;

/** Props of {@link InfoLines}. */
export interface InfoLinesProps {
  lines: readonly InfoLine[];
  height: number;
  labelWidth?: number;
}

/** Label column in bold, value coloured by tone; never wraps. */
export function InfoLines({ lines, height, labelWidth = 11 }: InfoLinesProps): React.JSX.Element {
  return (
    <Box flexDirection="column">
      {lines.slice(0, Math.max(0, height)).map((line, index) => (
        <Text key={index} wrap="truncate">
          <Text bold>{cell(line.label, labelWidth)}</Text>
          <Text {...(line.tone ? { color: TONES[line.tone] } : {})}>{line.value}</Text>
        </Text>
      ))}
    </Box>
  );
}
