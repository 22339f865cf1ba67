/** A bordered panel with a title, of a fixed outer size so layouts never reflow between refreshes. */
import React from 'react';
import { Box } from 'ink';
import { Text } from './text.js';

/** Props of {@link Panel}. */
export interface PanelProps {
  title: string;
  width: number;
  height: number;
  focused?: boolean;
  children?: React.ReactNode;
}

/** Rounded border, title in the first line, content clipped to the inner size. */
export function Panel({ title, width, height, focused, children }: PanelProps): React.JSX.Element {
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={focused ? 'cyan' : 'gray'} overflow="hidden">
      <Text bold wrap="truncate" {...(focused ? { color: 'cyan' } : {})}>{title}</Text>
      {children}
    </Box>
  );
}

/** Inner width and height of a panel of the given outer size (border and title removed). */
export function innerSize(width: number, height: number): { width: number; height: number } {
  return { width: Math.max(1, width - 2), height: Math.max(1, height - 3) };
}
