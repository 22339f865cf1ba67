/**
 * Time-to-column mapping with sub-cell precision. A bar's right edge is drawn in eighths of a cell with the
 * left-aligned block characters; its left edge is cell-aligned because no block character grows from the
 * right in eighths, so the start is rounded down (never drawn late).
 */

/** The mapping of a time interval onto `width` cells. */
export interface TimeScale {
  startUs: number;
  /** Never zero, so a trace of zero-length spans still maps. */
  durationUs: number;
  width: number;
}

/** A bar: from the left edge of `startCell` to `endEighths` eighths of a cell from the left of the area. */
export interface Bar {
  startCell: number;
  /** Exclusive end in eighths of a cell; always more than `startCell * 8`, so every span is visible. */
  endEighths: number;
}

/** `' '` then one to eight eighths of a cell. */
const EIGHTHS = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'] as const;

/** Creates a scale for [startUs, endUs] over `width` cells (at least 1). */
export function createTimeScale(startUs: number, endUs: number, width: number): TimeScale {
  return { startUs, durationUs: Math.max(endUs - startUs, 1), width: Math.max(1, Math.floor(width)) };
}

/** Position of a time in eighths of a cell, clamped to the area. */
export function toEighths(scale: TimeScale, timeUs: number): number {
  const eighths = ((timeUs - scale.startUs) * 8 * scale.width) / scale.durationUs;
  return Math.min(Math.max(eighths, 0), scale.width * 8);
}

/**
 * The bar for [startUs, endUs]. With `within` (the parent's bar) the result is clamped into it, which keeps a
 * zero-length child that sits exactly on a cell boundary at its parent's end inside the parent's bar.
 */
export function barFor(scale: TimeScale, startUs: number, endUs: number, within?: Bar): Bar {
  let startCell = Math.min(Math.floor(toEighths(scale, startUs) / 8), scale.width - 1);
  let endEighths = Math.ceil(toEighths(scale, Math.max(startUs, endUs)));
  if (within) {
    const lastCell = Math.floor((within.endEighths - 1) / 8);
    startCell = Math.min(Math.max(startCell, within.startCell), lastCell);
    endEighths = Math.min(endEighths, within.endEighths);
  }
  return { startCell, endEighths: Math.min(Math.max(endEighths, startCell * 8 + 1), scale.width * 8) };
}

/** Draws a bar as exactly `width` characters: spaces, full blocks and one partial block at the end. */
export function renderBar(bar: Bar, width: number): string {
  let text = '';
  for (let cell = 0; cell < width; cell += 1) {
    const filled = cell < bar.startCell ? 0 : Math.min(Math.max(bar.endEighths - cell * 8, 0), 8);
    text += EIGHTHS[filled] ?? ' ';
  }
  return text;
}
