/** Windowed rendering: which slice of a long list is on screen. */

/** A half-open range of row indexes. */
export interface RowWindow {
  start: number;
  end: number;
}

/** Clamps a selection into a list of `total` rows (0 for an empty list). */
export function clampIndex(index: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(Math.max(0, index), total - 1);
}

/**
 * The window of `height` rows that shows `selected`, moving as little as possible from the previous top so
 * the list does not jump while the selection moves inside it.
 */
export function scrollWindow(total: number, selected: number, height: number, previousTop = 0): RowWindow {
  const size = Math.max(1, height);
  let top = Math.min(Math.max(0, previousTop), Math.max(0, total - size));
  if (selected < top) top = selected;
  if (selected >= top + size) top = selected - size + 1;
  top = Math.max(0, top);
  return { start: top, end: Math.min(total, top + size) };
}
