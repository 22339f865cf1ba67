import type { JobPage, JobRow } from '../../src/cli/services-types.js';
import { resolveJobSelection } from '../../src/tui/model/job-page.js';
import { moveSelection, resolveSelection } from '../../src/tui/model/selection.js';
import { topShowing } from '../../src/tui/model/window.js';

test('a selection follows its id when rows arrive above it or leave around it', () => {
  expect(resolveSelection(['a', 'b', 'c'], { index: 2, id: 'c' })).toEqual({ index: 2, id: 'c' });
  expect(resolveSelection(['new1', 'new2', 'a', 'b', 'c'], { index: 2, id: 'c' })).toEqual({ index: 4, id: 'c' });
  expect(resolveSelection(['c'], { index: 2, id: 'c' })).toEqual({ index: 0, id: 'c' });
});

test('when its item is gone, the cursor stays at its row on the neighbour and the lost id is reported', () => {
  expect(resolveSelection(['a', 'b', 'd'], { index: 2, id: 'c' })).toEqual({ index: 2, id: 'd', lost: 'c' });
  expect(resolveSelection([], { index: 2, id: 'c' })).toEqual({ index: 0, id: undefined, lost: 'c' });
  expect(resolveSelection(['a', 'b'], { index: 5 })).toEqual({ index: 1, id: 'b' });
});

test('moves are relative to where the item is now', () => {
  const ids = ['new', 'a', 'b', 'c'];
  const at = resolveSelection(ids, { index: 1, id: 'b' });
  expect(moveSelection(ids, at, { delta: 1 })).toEqual({ index: 3, id: 'c' });
  expect(moveSelection(ids, at, { delta: 5 })).toEqual({ index: 3, id: 'c' });
  expect(moveSelection(ids, at, { to: 0 })).toEqual({ index: 0, id: 'new' });
});

const row = (id: string): JobRow => ({ queue: 'q', id, name: 'n', state: 'failed', attemptsMade: 1, attempts: 1, timestamp: 0 });
const page = (start: number, ids: string[], total: number, follow?: JobPage['follow']): JobPage => ({ start, total, rows: ids.map(row), ...(follow ? { follow } : {}) });

test('the jobs table finds the selected job in the page read around it and keeps it on its screen row', () => {
  // Job 46 was on row 2 with the table at its top; two jobs arrived: it is row 4 now, the page was read from row 2.
  const read = page(2, ['48', '47', '46', '45'], 17, { jobId: '46', index: 4 });
  expect(resolveJobSelection(read, { selected: 2, top: 0, selectedId: '46' }, 4)).toMatchObject({ index: 4, id: '46', top: 2 });
});

test('a job no longer in the state is reported lost; a page read before the job\'s place is known moves nothing', () => {
  const gone = page(0, ['50', '49', '48', '47'], 15, { jobId: '46', index: undefined });
  expect(resolveJobSelection(gone, { selected: 2, top: 0, selectedId: '46' }, 4)).toMatchObject({ index: 2, id: '48', lost: '46' });
  const stale = page(0, ['50', '49', '48', '47'], 15);
  expect(resolveJobSelection(stale, { selected: 6, top: 4, selectedId: '44' }, 4)).toEqual({ index: 6, id: '44', top: 4 });
  expect(resolveJobSelection(undefined, { selected: 0, top: 0 }, 4)).toBeUndefined();
});

test('after a resize the top follows the selection onto the last row that fits, and stays while it is on screen', () => {
  expect(topShowing(87, 62, 15)).toBe(73);
  expect(topShowing(87, 80, 15)).toBe(80);
  expect(topShowing(5, 9, 15)).toBe(5);
  expect(topShowing(0, 0, 1)).toBe(0);
});

test('a page read around the job that no longer holds it (it moved between the reads) moves the cursor to where it is', () => {
  const moved = page(73, ['25', '24', '23'], 100, { jobId: '11', index: 89 });
  expect(resolveJobSelection(moved, { selected: 87, top: 73, selectedId: '11' }, 15)).toEqual({ index: 89, id: '11', top: 75 });
  // A page read for a taller table holds the job below the rows that fit now: the least scroll shows it.
  const tall = page(62, Array.from({ length: 26 }, (_, i) => String(36 - i)), 98, { jobId: '11', index: 87 });
  expect(resolveJobSelection(tall, { selected: 87, top: 73, selectedId: '11' }, 15)).toMatchObject({ index: 87, id: '11', top: 73 });
});
