/** Turns BullMQ jobs into the rows and details the CLI and the UI show. Pure: no Redis access. */
import type { Job } from 'bullmq';
import { isSchedulerIteration, jobTraceOf } from 'queue-otel/store';
import type { JobDetails, JobRow, JobStateName } from './services-types';

const DATA_PREVIEW_CHARS = 400;
const STACK_LINES = 6;

/** Milliseconds from enqueue (or the end of the delay) to the start of processing. */
export function waitMsOf(job: Pick<Job, 'timestamp' | 'processedOn' | 'opts'>): number | undefined {
  if (!job.processedOn) return undefined;
  const ready = job.timestamp + (job.opts.delay ?? 0);
  return Math.max(0, job.processedOn - ready);
}

/** Milliseconds of processing, for a job that finished. */
export function processMsOf(job: Pick<Job, 'processedOn' | 'finishedOn'>): number | undefined {
  if (!job.processedOn || !job.finishedOn) return undefined;
  return Math.max(0, job.finishedOn - job.processedOn);
}

/** The row of a job whose state is known (from the list it was read from, or `getState`). */
export function toJobRow(queue: string, job: Job, state: JobStateName | 'unknown'): JobRow {
  const row: JobRow = {
    queue,
    id: String(job.id ?? ''),
    name: job.name,
    state,
    attemptsMade: job.attemptsMade,
    // BullMQ stores 0 when the option was not given: one attempt.
    attempts: Math.max(1, job.opts.attempts ?? 1),
    timestamp: job.timestamp,
  };
  const waitMs = waitMsOf(job);
  if (waitMs !== undefined) row.waitMs = waitMs;
  const processMs = processMsOf(job);
  if (processMs !== undefined) row.processMs = processMs;
  const { traceId, sampled } = jobTraceOf(job.opts.telemetry?.metadata);
  if (traceId !== undefined) row.traceId = traceId;
  // An iteration of a job scheduler carries the upsert's metadata, but is sampled on its own.
  if (sampled === false && !isSchedulerIteration(job)) row.sampled = false;
  if (job.failedReason) row.failedReason = job.failedReason;
  return row;
}

function preview(data: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(data) ?? 'undefined';
  } catch {
    text = '[unserialisable]';
  }
  return text.length > DATA_PREVIEW_CHARS ? `${text.slice(0, DATA_PREVIEW_CHARS - 1)}…` : text;
}

/** The details of a job, with every trace id known for it. */
export function toJobDetails(row: JobRow, job: Job, traceIds: readonly string[]): JobDetails {
  const lastStack = job.stacktrace?.[job.stacktrace.length - 1] ?? '';
  const details: JobDetails = {
    ...row,
    traceIds: [...traceIds],
    dataPreview: preview(job.data),
    stack: lastStack ? lastStack.split('\n').slice(0, STACK_LINES) : [],
  };
  if (job.processedOn) details.processedOn = job.processedOn;
  if (job.finishedOn) details.finishedOn = job.finishedOn;
  if (job.parentKey) details.parentKey = job.parentKey;
  return details;
}
