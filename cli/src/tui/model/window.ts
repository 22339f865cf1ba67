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

/**
 * The first row on screen for a list `height` rows high whose selection is at `selected`, from the previous top:
 * unchanged while the selection is on screen, else the least move that shows it. A resize that shortens the
 * list leaves the selection further below the top than the rows that fit: the top follows it down.
 */
export function topShowing(selected: number, previousTop: number, height: number): number {
  const size = Math.max(1, height);
  return Math.max(0, Math.min(selected, Math.max(previousTop, selected - size + 1)));
}
