/**
 * The selection of the jobs table, which reads only the rows on screen: the selected job is found in the page
 * read around it (the reader follows it by id), and a job no longer in the state is reported lost.
 */
import type { JobPage, JobRow } from '../../cli/services-types.js';
import type { JobsScreen } from './screens.js';
import type { ResolvedSelection } from './selection.js';
import { clampIndex, scrollWindow } from './window.js';

/** The resolved selection of the table, with the first row on screen. */
export interface ResolvedJobSelection extends ResolvedSelection {
  top: number;
  /** The highlighted row, when it is in the page read. */
  row?: JobRow;
}

/** The row at absolute index `index`, if the page holds it. */
export function rowAt(page: JobPage, index: number): JobRow | undefined {
  return page.rows[index - page.start];
}

/** Resolves the selection of `screen` against `page`, `rows` rows high; undefined before the first page. */
export function resolveJobSelection(page: JobPage | undefined, screen: Pick<JobsScreen, 'selected' | 'top' | 'selectedId'>, rows: number): ResolvedJobSelection | undefined {
  if (!page) return undefined;
  const { selectedId } = screen;
  const found = selectedId === undefined ? -1 : page.rows.findIndex((row) => row.id === selectedId);
  if (found >= 0) {
    const index = page.start + found;
    // A page read around the job keeps it on the row of the screen it was on (a page read for a taller table,
    // before a resize, may hold it further down than the rows that fit now: then the least scroll that shows it).
    const followed = page.follow !== undefined && page.follow.jobId === selectedId && page.follow.index !== undefined;
    const top = scrollWindow(page.total, index, rows, followed ? page.start : screen.top).start;
    return { index, id: selectedId, top, row: page.rows[found] as JobRow };
  }
  const where = selectedId !== undefined && page.follow !== undefined && page.follow.jobId === selectedId ? page.follow : undefined;
  const lost = selectedId !== undefined && where !== undefined && where.index === undefined;
  if (where?.index !== undefined) {
    // The reader found the job but the page does not hold it (it moved between the two reads): the cursor goes to
    // where the job is, on the same screen row, and the next read (a new top) brings its row.
    const index = where.index;
    return { index, id: selectedId, top: scrollWindow(page.total, index, rows, screen.top + index - screen.selected).start };
  }
  if (selectedId !== undefined && !lost) {
    // The page read for another position: the job's place is not known yet; nothing moves meanwhile.
    return { index: screen.selected, id: selectedId, top: screen.top };
  }
  const index = clampIndex(screen.selected, page.total);
  const row = rowAt(page, index);
  const resolved: ResolvedJobSelection = { index, id: row?.id, top: scrollWindow(page.total, index, rows, screen.top).start };
  if (row) resolved.row = row;
  if (lost) resolved.lost = selectedId;
  return resolved;
}
