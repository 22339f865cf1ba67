import type { JobRow } from './services-types';

/** What a job list shows in its trace column: the trace id, "not sampled", or "-" for a job without tracing. */
export function traceCell(row: Pick<JobRow, 'traceId' | 'sampled'>): string {
  return row.traceId ?? (row.sampled === false ? 'not sampled' : '-');
}
