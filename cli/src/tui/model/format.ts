/** Column formatting shared by the tables: durations, ages, fixed-width cells. */
import { safeCut } from '../../cli/bounded-text.js';

/**
 * Fits text into exactly `width` columns: padded, or cut with an ellipsis. Control characters are made
 * visible first, so the cell is measured as the terminal will show it (the `Text` wrapper would escape them
 * anyway, but only after the layout, pushing the columns to its right out of line).
 */
export function cell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  // Reads no more of the text than fits: a job name of any size costs a cell's width.
  const safe = safeCut(text, width);
  const pad = ' '.repeat(Math.max(0, width - Array.from(safe).length));
  return align === 'left' ? safe + pad : pad + safe;
}

/** Milliseconds as `850ms`, `1.2s`, `3m4s`, `2h5m`; `-` when unknown. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1).replace(/\.?0+$/, '')}s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m${Math.floor((ms % 60_000) / 1000)}s`;
  return `${Math.floor(minutes / 60)}h${minutes % 60}m`;
}

/** Time since `ms` (epoch ms) as `5s ago`, `3m ago`. */
export function formatAge(ms: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

/** A rate per second with one decimal, `-` before the second read. */
export function formatRate(perSec: number | undefined): string {
  return perSec === undefined ? '-' : `${perSec.toFixed(1)}/s`;
}
