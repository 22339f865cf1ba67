/** The tree label of a waterfall row: indentation, fold marker, error marker and name. */
import { terminalSafe } from '../terminal';
import type { WaterfallRow } from './flatten-tree';

/**
 * Fits text into exactly `width` characters: padded with spaces, or cut with an ellipsis. Control characters
 * (from a span name, say) are made visible first ({@link terminalSafe}), so they are counted as the escapes
 * the terminal will show and cannot act on it.
 */
export function fitText(text: string, width: number): string {
  if (width <= 0) return '';
  const safe = terminalSafe(text);
  const chars = Array.from(safe);
  if (chars.length <= width) return safe + ' '.repeat(width - chars.length);
  return `${chars.slice(0, width - 1).join('')}…`;
}

/** Label options: spaces per nesting level and the cap on the indentation. */
export interface RowLabelStyle {
  indentPerLevel: number;
  maxIndent: number;
}

/** `▼` open with children, `▶` folded, blank for a leaf; `[!]` before the name of an error span. */
export function rowLabel(row: WaterfallRow, style: RowLabelStyle): string {
  const indent = ' '.repeat(Math.min(row.depth * style.indentPerLevel, style.maxIndent));
  const marker = row.folded ? '▶' : row.hasChildren ? '▼' : ' ';
  const error = row.span.status === 'error' ? '[!] ' : '';
  return `${indent}${marker} ${error}${row.span.name}`;
}
