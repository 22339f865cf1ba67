/** The waterfall: tree labels with fold and error markers, bars on a time ruler, the critical path marked. */
import React from 'react';
import { Box } from 'ink';
import { formatDuration } from 'queue-otel/traces';
import type { WaterfallLine, WaterfallModel } from '../model/waterfall-rows.js';
import { scrollWindow } from '../model/window.js';
import { Text } from './text.js';

/** Lines above the spans: the summary, where the time went, and the ruler's two lines. */
export const WATERFALL_HEADER_LINES = 4;

/** Props of {@link WaterfallPanel}. */
export interface WaterfallPanelProps {
  model: WaterfallModel;
  selected: number;
  /** Rows available for spans (the header takes {@link WATERFALL_HEADER_LINES} more). */
  height: number;
  focused: boolean;
}

/** `processing 282ms · backoff 305ms · queue wait 3ms · other 2ms`, largest first, zero parts left out. */
export function criticalSummary(model: WaterfallModel): string {
  const { waitUs, processUs, backoffUs, otherUs } = model.critical;
  const parts: [string, number][] = [['processing', processUs], ['backoff', backoffUs], ['queue wait', waitUs], ['other', otherUs]];
  return parts.filter(([, us]) => us > 0).sort((a, b) => b[1] - a[1]).map(([name, us]) => `${name} ${formatDuration(us)}`).join(' · ');
}

function barColour(line: WaterfallLine): string {
  if (line.gap) return line.gapPart === 'wait' ? 'yellow' : 'gray';
  if (line.error) return 'red';
  if (line.retried) return 'yellow';
  return line.wait ? 'yellow' : 'green';
}

/** Bars are green, queue waits yellow, errors red, retried attempts yellow, backoff gaps grey; `*` marks the critical path. */
export function WaterfallPanel({ model, selected, height, focused }: WaterfallPanelProps): React.JSX.Element {
  const perSpan = model.compact ? 2 : 1;
  const window = scrollWindow(model.lines.length, selected, Math.max(1, Math.floor(height / perSpan)));
  const hidden = model.spanCount - model.lines.filter((line) => line.span).length;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate" dimColor>
        {`${model.spanCount} spans${hidden ? ` (${hidden} folded)` : ''} · ${formatDuration(model.totalUs)}`}
        {model.errors ? <Text color="red">{` · ${model.errors} error${model.errors === 1 ? '' : 's'}`}</Text> : null}
        {model.retried ? <Text color="yellow">{` · ${model.retried} retried`}</Text> : null}
        {' · '}<Text color="yellow">▇</Text>{' queue wait · '}<Text color="gray">┄</Text>{' backoff'}
      </Text>
      <Text wrap="truncate" dimColor><Text color="magenta">*</Text>{` critical path: ${criticalSummary(model)}`}</Text>
      <Text wrap="truncate" dimColor>{model.ruler[0]}</Text>
      <Text wrap="truncate" dimColor>{model.ruler[1]}</Text>
      {model.lines.slice(window.start, window.end).map((line, offset) => {
        const index = window.start + offset;
        const isSelected = focused && index === selected;
        const mark = <Text color="magenta">{line.critical ? '*' : ' '}</Text>;
        const tone = line.error ? { color: 'red' } : line.retried ? { color: 'yellow' } : {};
        const label = <Text inverse={isSelected} dimColor={Boolean(line.gap)} {...tone}>{line.label}</Text>;
        const bar = <Text color={barColour(line)} dimColor={Boolean(line.gap)}>{line.bar}</Text>;
        if (model.compact) {
          return (
            <Box key={line.id} flexDirection="column">
              <Text wrap="truncate">{mark}{label} <Text dimColor>{line.duration}</Text></Text>
              <Text wrap="truncate"> {bar}</Text>
            </Box>
          );
        }
        return <Text key={line.id} wrap="truncate">{mark}{label} {bar} <Text dimColor>{line.duration}</Text></Text>;
      })}
    </Box>
  );
}
