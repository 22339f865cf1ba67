/** The jobs table: which columns fit a width, the header and one line per job. */
import { traceCell } from '../../cli/trace-cell.js';
import type { JobRow } from '../../cli/services-types.js';
import { cell, formatMs } from './format.js';

/** Below this width the name column is dropped. */
export const NARROW_BELOW = 60;

/** Column widths for a table `width` columns wide; `name` is 0 when dropped. */
export interface JobColumns {
  id: number;
  name: number;
  state: number;
  attempts: number;
  wait: number;
  process: number;
  trace: number;
}

/** Chooses column widths: fixed small columns, the trace id as wide as fits (up to 32), the name the rest. */
export function jobColumns(width: number): JobColumns {
  const fixed = { id: 7, state: 10, attempts: 5, wait: 7, process: 7 };
  const used = fixed.id + fixed.state + fixed.attempts + fixed.wait + fixed.process + 6;
  if (width < NARROW_BELOW) return { ...fixed, name: 0, trace: Math.max(8, width - used) };
  const trace = Math.min(32, Math.max(8, width - used - 12));
  return { ...fixed, name: Math.max(8, width - used - trace - 1), trace };
}

/** The header line of the table. */
export function jobHeader(columns: JobColumns): string {
  return [
    cell('ID', columns.id),
    columns.name > 0 ? cell('NAME', columns.name) : undefined,
    cell('STATE', columns.state),
    cell('ATT', columns.attempts, 'right'),
    cell('WAIT', columns.wait, 'right'),
    cell('PROC', columns.process, 'right'),
    cell('TRACE', columns.trace),
  ].filter((part) => part !== undefined).join(' ');
}

/** One job as a table line (without the selection marker). */
export function jobLine(row: JobRow, columns: JobColumns): string {
  return [
    cell(row.id, columns.id),
    columns.name > 0 ? cell(row.name, columns.name) : undefined,
    cell(row.state, columns.state),
    cell(`${row.attemptsMade}/${row.attempts}`, columns.attempts, 'right'),
    cell(formatMs(row.waitMs), columns.wait, 'right'),
    cell(formatMs(row.processMs), columns.process, 'right'),
    cell(traceCell(row), columns.trace),
  ].filter((part) => part !== undefined).join(' ');
}
