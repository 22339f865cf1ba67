/** The header, the status line and the footer with the keys of the current view. */
import React from 'react';
import { Box } from 'ink';
import { useTui } from '../app-context.js';
import type { CurrentTrace } from '../app-context.js';
import type { KeyHint } from '../model/keys.js';
import { PROMPT_KEYS, fitHints, keysFor } from '../model/keys.js';
import type { Screen } from '../model/screens.js';
import { HELP_KEY_WIDTH, helpMaxOffset, helpRows, helpVisibleRows } from '../model/help.js';
import type { HelpNote } from '../model/help.js';
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

/** Keys of the current view that fit; `essentials` (`? help`, `esc back` and `q quit` by default) always do. */
export function Footer({ keys, width, essentials }: { keys: readonly KeyHint[]; width: number; essentials?: readonly KeyHint[] }): React.JSX.Element {
  return (
    <Text wrap="truncate">
      {fitHints(keys, width, essentials).map((hint) => <Text key={hint.key}><Text bold color="cyan">{hint.key}</Text>{` ${hint.action}  `}</Text>)}
    </Text>
  );
}

const STATUS_COLOURS = { error: 'red', prompt: 'yellow', info: 'green' } as const;

/**
 * The line(s) above the footer: the open prompt or the last action's message when there is one, else `idle`,
 * the view's own line (the trace its keys act on). Drawn by each view, from the state it draws from.
 */
export function StatusArea({ idle }: { idle?: string | undefined }): React.JSX.Element {
  const { status } = useTui();
  if (!status) return <Text wrap="truncate" color="green">{idle || ' '}</Text>;
  return (
    <Box flexDirection="column">
      {status.lines.map((line, index) => <Text key={index} wrap="truncate" color={STATUS_COLOURS[status.tone]}>{line || ' '}</Text>)}
    </Box>
  );
}

/** Props of {@link ViewFooter}. */
export interface ViewFooterProps {
  screen: Screen;
  width: number;
  /** The trace the view's o/t/r/T keys act on (its highlighted item's), undefined where there is none. */
  trace?: CurrentTrace | undefined;
}

/**
 * A view's last lines: the status line (the trace its keys act on) and the footer with the keys that work for
 * the highlighted item. Drawn by the view from the state it draws from, so both match the row under the cursor.
 * While a prompt is open only its own keys are listed: every other key is typed as text.
 */
export function ViewFooter({ screen, width, trace }: ViewFooterProps): React.JSX.Element {
  const { status, services } = useTui();
  const prompt = status?.tone === 'prompt';
  // `o` is listed only where it would open something: without an APM it only says `no APM configured`.
  const apm = trace !== undefined && services.traceUrl(trace.traceId, trace.spans) !== undefined;
  return (
    <Box flexDirection="column">
      <StatusArea idle={trace ? `trace ${trace.traceId}` : ''} />
      <Footer keys={prompt ? PROMPT_KEYS : keysFor(screen, trace, apm)} width={width} {...(prompt ? { essentials: [] } : {})} />
    </Box>
  );
}

/**
 * `?`: the session's notes (the demo's metrics URLs), then every key and what it does, wrapped to the width; rows from `offset` on when they do not all fit
 * (j/k scroll), with the title saying how many are above and below.
 */
export function HelpView({ width, height, offset, notes = [] }: { width: number; height: number; offset: number; notes?: readonly HelpNote[] }): React.JSX.Element {
  const rows = helpRows(width, notes);
  const visible = helpVisibleRows(height);
  const start = Math.min(offset, helpMaxOffset(width, height, notes));
  const below = Math.max(0, rows.length - start - visible);
  const more = start > 0 || below > 0 ? ` · j/k scroll: ${start} above, ${below} below` : '';
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor="cyan" overflow="hidden">
      <Text bold color="cyan" wrap="truncate">{`Keys (esc/?/q close)${more}`}</Text>
      {rows.slice(start, start + visible).map((row, index) => (
        <Text key={index} wrap="truncate"><Text bold>{cell(row.key, HELP_KEY_WIDTH)}</Text>{row.text}</Text>
      ))}
    </Box>
  );
}
