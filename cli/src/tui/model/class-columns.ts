/**
 * The classes table: which columns fit a width, the header, one line per class, and the bar that puts its queue
 * wait and processing time (p95) side by side on one scale shared by every row.
 */
import type { ClassStats } from '../../timing/class-stats.js';
import { cell, formatMs } from './format.js';

/** Columns of a width: which percentiles, whether the retried count and the bar fit. */
export interface ClassColumns {
  name: number;
  percentiles: readonly ('p50' | 'p95' | 'p99')[];
  retried: boolean;
  bar: number;
}

const NUMBER = 6;

/** Chooses the columns for a table `width` columns wide. */
export function classColumns(width: number): ClassColumns {
  const percentiles = width >= 120 ? (['p50', 'p95', 'p99'] as const) : width >= 88 ? (['p50', 'p95'] as const) : (['p95'] as const);
  const retried = width >= 100;
  const fixed = 5 + 1 + 5 + 1 + (retried ? 6 : 0) + 2 * percentiles.length * (NUMBER + 1) + 2;
  const bar = width >= 60 ? Math.max(8, Math.min(40, Math.floor((width - fixed) * 0.45))) : 0;
  return { name: Math.max(8, width - fixed - (bar ? bar + 1 : 0)), percentiles, retried, bar };
}

/** The two header lines: group names over the percentile columns, then the column names. */
export function classHeader(columns: ClassColumns): [string, string] {
  const group = columns.percentiles.length * (NUMBER + 1) - 1;
  const lead = columns.name + 1 + 5 + 1 + 5 + 1 + (columns.retried ? 6 : 0);
  const wide = group >= 10;
  const legend = columns.bar >= 25 ? 'p95: ▇ wait  █ processing' : '▇ wait █ proc';
  const top = `${' '.repeat(lead)}${cell(wide ? 'QUEUE WAIT' : 'WAIT', group)}  ${cell(wide ? 'PROCESSING' : 'PROC', group)}${columns.bar ? `  ${cell(legend, columns.bar)}` : ''}`;
  const pcts = columns.percentiles.map((p) => cell(p, NUMBER, 'right')).join(' ');
  const names = [cell('NAME', columns.name), cell('JOBS', 5, 'right'), cell('FAIL', 5, 'right'), columns.retried ? cell('RETRY', 5, 'right') : undefined, pcts, ` ${pcts}`]
    .filter((part) => part !== undefined).join(' ');
  return [top, names];
}

/** One class as a table line, without the bar (drawn in colour by the component). */
export function classLine(stats: ClassStats, columns: ClassColumns): string {
  const values = (dist: ClassStats['wait']): string => columns.percentiles.map((p) => cell(formatMs(dist[p]), NUMBER, 'right')).join(' ');
  return [
    cell(stats.name, columns.name),
    cell(String(stats.jobs), 5, 'right'),
    cell(`${Math.round(stats.failureRate * 100)}%`, 5, 'right'),
    columns.retried ? cell(String(stats.retried), 5, 'right') : undefined,
    values(stats.wait),
    ` ${values(stats.processing)}`,
  ].filter((part) => part !== undefined).join(' ');
}

/**
 * Cells of the wait and processing parts of a bar `width` wide, on a scale where `maxMs` fills it. A part that
 * is not zero gets at least one cell, so a short wait next to a long processing time stays visible.
 */
export function classBar(stats: ClassStats, width: number, maxMs: number): { wait: number; processing: number } {
  const wait = stats.wait.p95 ?? 0;
  const processing = stats.processing.p95 ?? 0;
  if (width <= 0 || maxMs <= 0) return { wait: 0, processing: 0 };
  const cells = (ms: number): number => (ms > 0 ? Math.max(1, Math.round((ms / maxMs) * width)) : 0);
  let waitCells = cells(wait);
  let processingCells = cells(processing);
  while (waitCells + processingCells > width) {
    if (processingCells > waitCells && processingCells > 1) processingCells -= 1;
    else if (waitCells > 1) waitCells -= 1;
    else break;
  }
  return { wait: waitCells, processing: processingCells };
}

/** The scale of the bars: the longest wait + processing (p95) of any class. */
export function barScale(classes: readonly ClassStats[]): number {
  return classes.reduce((longest, stats) => Math.max(longest, (stats.wait.p95 ?? 0) + (stats.processing.p95 ?? 0)), 0);
}
