/** One line of a list: selected lines are inverted; colour marks state. */
import React from 'react';
import { Text } from './text.js';

/** Props of {@link ListRow}. */
export interface ListRowProps {
  text: string;
  selected: boolean;
  color?: string | undefined;
  dim?: boolean;
}

/** A single list line, never wrapped (the caller fits it to the width). */
export function ListRow({ text, selected, color, dim }: ListRowProps): React.JSX.Element {
  return (
    <Text wrap="truncate" inverse={selected} dimColor={dim === true} {...(color ? { color } : {})}>
      {text}
    </Text>
  );
}

/** `{ color }` when a colour is given, else nothing (exact optional props reject `color: undefined`). */
export function colorProp(color: string | undefined): { color?: string } {
  return color ? { color } : {};
}

/** Colour of a job state. */
export function stateColor(state: string): string | undefined {
  if (state === 'failed') return 'red';
  if (state === 'completed') return 'green';
  if (state === 'active') return 'cyan';
  if (state === 'delayed' || state === 'waiting-children') return 'yellow';
  return undefined;
}
