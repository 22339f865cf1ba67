/** The row and details of a job whose hash BullMQ could not read (see job-read.ts): what is known, and why. */
import { jobTiming } from '../timing/job-timing';
import type { UnreadableJob } from './job-read';
import type { JobDetails, JobRow, JobStateName } from './services-types';

/** Its row: id, name and enqueue time from the hash, one attempt allowed and none made, and the reason. */
export function unreadableRow(queue: string, job: UnreadableJob, state: JobStateName | 'unknown'): JobRow {
  return { queue, id: job.id, name: job.name, state, attemptsMade: 0, attempts: 1, timestamp: job.timestamp, unreadable: job.reason };
}

/** Its details: no data preview, stack or timing beyond its enqueue time; the trace ids the index knows. */
export function unreadableDetails(row: JobRow, traceIds: readonly string[]): JobDetails {
  const times = { id: row.id, queue: row.queue, timestamp: row.timestamp || undefined, attemptsMade: 0 };
  return { ...row, traceIds: [...traceIds], dataPreview: '', stack: [], times, timing: jobTiming(times) };
}
