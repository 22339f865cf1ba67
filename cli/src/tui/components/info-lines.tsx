/** Renders labelled info lines (span details), clipped to a height, starting at a scroll offset. */
import React from 'react';
import { Box } from 'ink';
import { infoLabel, infoLabelWidth } from '../model/info-labels.js';
import type { InfoLine } from '../model/job-info.js';
import { Text } from './text.js';

const TONES = { error: 'red', trace: 'magenta', dim: 'gray', warn: 'yellow' } as const;

/** Props of {@link InfoLines}. */
export interface InfoLinesProps {
  lines: readonly InfoLine[];
  height: number;
  /** The panel's inner width: the label column is as wide as the labels need where it has room (info-labels.ts). */
  width: number;
}

/** Label column in bold, value coloured by tone; never wraps. */
export function InfoLines({ lines, height, width }: InfoLinesProps): React.JSX.Element {
  const labelWidth = infoLabelWidth(lines, width);
  return (
    <Box flexDirection="column">
      {lines.slice(0, Math.max(0, height)).map((line, index) => (
        <Text key={index} wrap="truncate">
          <Text bold>{infoLabel(line, labelWidth)}</Text>
          <Text {...(line.tone ? { color: TONES[line.tone] } : {})}>{line.value}</Text>
        </Text>
      ))}
    </Box>
  );
}
