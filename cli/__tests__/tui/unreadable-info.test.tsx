import { jobColumns, jobLine } from '../../src/tui/model/job-columns.js';
import { jobInfoLines } from '../../src/tui/model/job-info.js';
import { unreadableDetails, unreadableRow } from '../../src/cli/unreadable-row.js';

test('the job info of a job BullMQ cannot read says why, and no made-up enqueue time', () => {
  const row = unreadableRow('imports', { id: '7', name: 'load', timestamp: 0, reason: 'data is not JSON' }, 'waiting');
  const lines = jobInfoLines(unreadableDetails(row, []), undefined, 1_000_000);
  expect(lines).toContainEqual({ label: 'Unreadable', value: 'BullMQ cannot read this job: data is not JSON', tone: 'error' });
  expect(lines).toContainEqual(expect.objectContaining({ label: 'Queued', value: 'unknown' }));
  expect(lines).toContainEqual({ label: 'Attempts', value: '0 of 1' });
});

test('the jobs table marks a job BullMQ cannot read in its trace column', () => {
  const row = unreadableRow('imports', { id: '7', name: 'load', timestamp: 0, reason: 'data is not JSON' }, 'waiting');
  expect(jobLine(row, jobColumns(120)).trimEnd()).toMatch(/load\s+waiting\s+0\/1 .* unreadable$/);
});
