/** The header, the status line and the footer with the keys of the current view. */
import React from 'react';
import { Box } from 'ink';
import type { KeyHint } from '../model/keys.js';
import { HELP_LINES } from '../model/keys.js';
import { cell } from '../model/format.js';
import { Text } from './text.js';

/** Product name, data source and breadcrumb in one line. */
export function Header({ title, source, width }: { title: string; source: string; width: number }): React.JSX.Element {
  return (
    <Text wrap="truncate" backgroundColor="blue" color="white" bold>
      {cell(` queue-otel · ${title}`, Math.max(1, width - source.length - 2))}{` ${source} `}
    </Text>
  );
}

/** Keys of the current view, as many as fit. */
export function Footer({ keys, width }: { keys: readonly KeyHint[]; width: number }): React.JSX.Element {
  const parts: React.JSX.Element[] = [];
  let used = 0;
  for (const hint of keys) {
    const size = hint.key.length + hint.action.length + 3;
    if (used + size > width) break;
    used += size;
    parts.push(<Text key={hint.key}><Text bold color="cyan">{hint.key}</Text>{` ${hint.action}  `}</Text>);
  }
  return <Text wrap="truncate">{parts}</Text>;
}

/** A one-line message (result of an action, a prompt, or an error). */
export function StatusLine({ text, tone }: { text: string; tone?: 'error' | 'prompt' | undefined }): React.JSX.Element {
  return <Text wrap="truncate" color={tone === 'error' ? 'red' : tone === 'prompt' ? 'yellow' : 'green'}>{text || ' '}</Text>;
}

/** `?`: every key and what it does. */
export function HelpView({ width, height }: { width: number; height: number }): React.JSX.Element {
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor="cyan">
      <Text bold color="cyan">Keys (esc or ? to close)</Text>
      {HELP_LINES.map(([key, text]) => (
        <Text key={key} wrap="truncate"><Text bold>{cell(key, 10)}</Text>{text}</Text>
      ))}
    </Box>
  );
}
