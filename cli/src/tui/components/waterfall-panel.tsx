/** The waterfall: tree labels with fold and error markers, bars on a time ruler, the critical path marked. */
import React from 'react';
import { Box } from 'ink';
import { formatDuration } from 'queue-otel/traces';
import type { WaterfallModel } from '../model/waterfall-rows.js';
import { scrollWindow } from '../model/window.js';
import { Text } from './text.js';

/** Props of {@link WaterfallPanel}. */
export interface WaterfallPanelProps {
  model: WaterfallModel;
  selected: number;
  /** Rows available for spans (the summary and ruler take three more). */
  height: number;
  focused: boolean;
  top?: number;
}

/** Bars are green, queue waits yellow, errors red; `*` marks the critical path. */
export function WaterfallPanel({ model, selected, height, focused }: WaterfallPanelProps): React.JSX.Element {
  const perSpan = model.compact ? 2 : 1;
  const window = scrollWindow(model.lines.length, selected, Math.max(1, Math.floor(height / perSpan)));
  const errors = model.lines.filter((line) => line.error).length;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate" dimColor>
        {`${model.lines.length} spans · ${formatDuration(model.totalUs)} · `}
        <Text color="magenta">*</Text>{' critical path · '}<Text color="yellow">▇</Text>{' queue wait'}
        {errors ? <Text color="red">{` · ${errors} error${errors === 1 ? '' : 's'}`}</Text> : null}
      </Text>
      <Text wrap="truncate" dimColor>{model.ruler[0]}</Text>
      <Text wrap="truncate" dimColor>{model.ruler[1]}</Text>
      {model.lines.slice(window.start, window.end).map((line, offset) => {
        const index = window.start + offset;
        const isSelected = focused && index === selected;
        const barColor = line.error ? 'red' : line.wait ? 'yellow' : 'green';
        const mark = <Text color="magenta">{line.critical ? '*' : ' '}</Text>;
        const label = <Text inverse={isSelected} {...(line.error ? { color: 'red' } : {})}>{line.label}</Text>;
        if (model.compact) {
          return (
            <Box key={line.span.spanId} flexDirection="column">
              <Text wrap="truncate">{mark}{label} <Text dimColor>{line.duration}</Text></Text>
              <Text wrap="truncate"> <Text color={barColor}>{line.bar}</Text></Text>
            </Box>
          );
        }
        return (
          <Text key={line.span.spanId} wrap="truncate">
            {mark}{label} <Text color={barColor}>{line.bar}</Text> <Text dimColor>{line.duration}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
