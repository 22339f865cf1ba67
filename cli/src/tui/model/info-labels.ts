/**
 * The label column of the job info and the span details: as wide as the longest label needs where the panel has
 * room, and a label that does not fit is cut before the column's last cell, so a space always parts it from its
 * value (`Processi…237ms` read as one word).
 */
import { cell } from './format.js';
import type { InfoLine } from './job-info.js';

/** The widest label column: `Processing`, `Unreadable` and `Attributes` (10) and a space. */
export const MAX_LABEL_WIDTH = 11;
/** The narrow column of a panel under {@link ROOMY_FROM} columns: most labels (8) and a space. */
export const NARROW_LABEL_WIDTH = 9;
/** From this inner width a panel gives labels their whole width: its values keep 17 columns or more. */
export const ROOMY_FROM = 28;

/** `label` in `width` columns, its last one a space: cut with `…` before it when longer. */
export function labelCell(label: string, width: number): string {
  if (width <= 1) return cell(label, width);
  return `${cell(label, width - 1)} `;
}

/**
 * The label column for `lines` in a panel `room` columns wide: the longest label and a space, at most
 * {@link MAX_LABEL_WIDTH} (or {@link NARROW_LABEL_WIDTH} in a narrow panel). A heading (a label without a value,
 * `Attributes`) is drawn whole over the value column, so it does not widen the column.
 */
export function infoLabelWidth(lines: readonly Pick<InfoLine, 'label' | 'value'>[], room: number): number {
  const longest = lines.reduce((most, line) => (line.value === '' ? most : Math.max(most, Array.from(line.label).length)), 0);
  return Math.min(longest + 1, room >= ROOMY_FROM ? MAX_LABEL_WIDTH : NARROW_LABEL_WIDTH);
}

/** The label of `line` as drawn: a heading whole, any other label in its column. */
export function infoLabel(line: Pick<InfoLine, 'label' | 'value'>, width: number): string {
  return line.value === '' ? line.label : labelCell(line.label, width);
}
