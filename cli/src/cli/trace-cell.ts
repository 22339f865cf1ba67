import type { JobRow } from './services-types';

/**
 * What a job list shows in its trace column: the trace id, "not sampled" when the producer did not sample
 * the job (its trace id would lead nowhere; the job's info still shows it), "unreadable" for a job whose hash BullMQ
 * could not read (its metadata is unknown), or "-" for a job without tracing.
 */
export function traceCell(row: Pick<JobRow, 'traceId' | 'sampled' | 'unreadable'>): string {
  if (row.unreadable !== undefined) return 'unreadable';
  if (row.sampled === false) return 'not sampled';
  return row.traceId ?? '-';
}
