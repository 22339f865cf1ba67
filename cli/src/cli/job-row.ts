/** Turns BullMQ jobs into the rows and details the CLI and the UI show. Pure: no Redis access. */
import type { Job } from 'bullmq';
import { isSchedulerIteration, jobTraceOf } from 'queue-otel/store';
import type { TraceSpan } from 'queue-otel/traces';
import { jobTiming } from '../timing/job-timing';
import type { BackoffOption, JobTimes, JobTiming } from '../timing/job-timing';
import { boundText } from './bounded-text';
import type { JobDetails, JobRow, JobStateName } from './services-types';

const DATA_PREVIEW_CHARS = 400;
const STACK_LINES = 6;
/**
 * At most this many characters of a job's error message are kept (in every output: the table, `--json`, the
 * UI), the last one `…` when it was longer; documented in docs/tui.md. An error message can be anything the
 * worker threw, a whole response body on one line among them.
 */
export const FAILED_REASON_CHARS = 1000;
/** The same for each line of the stack trace the job info shows. */
const STACK_LINE_CHARS = 300;

/**
 * A count from the job hash (`atm`, `opts.attempts`): BullMQ parses what Redis holds without checking it, so
 * anything written there by hand or by a broken client arrives as NaN, a string, a negative or a fraction.
 * Anything but a finite number >= 0 is `unknown` (the caller's default); a fraction is rounded down.
 */
function countOf(value: unknown, unknown: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : unknown;
}

/** Attempts made, 0 when the hash does not say (see {@link countOf}). */
function attemptsMadeOf(job: Job): number {
  return countOf(job.attemptsMade, 0);
}

/** The facts of a job the timing is computed from (timing/job-timing.ts). */
export function jobTimesOf(queue: string, job: Job): JobTimes {
  const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined);
  return {
    id: String(job.id ?? ''),
    queue,
    timestamp: finite(job.timestamp),
    delayMs: finite(job.opts?.delay),
    processedOn: finite(job.processedOn),
    finishedOn: finite(job.finishedOn),
    attemptsMade: attemptsMadeOf(job),
    backoff: job.opts?.backoff as BackoffOption | undefined,
  };
}

/** The row fields of a timing (durations only where known). */
function timingFields(timing: JobTiming): Pick<JobRow, 'waitMs' | 'processMs' | 'backoffMs' | 'totalMs'> {
  const fields: Pick<JobRow, 'waitMs' | 'processMs' | 'backoffMs' | 'totalMs'> = {};
  if (timing.waitMs !== undefined) fields.waitMs = Math.round(timing.waitMs);
  if (timing.processMs !== undefined) fields.processMs = Math.round(timing.processMs);
  if (timing.backoffMs !== undefined) fields.backoffMs = Math.round(timing.backoffMs);
  if (timing.totalMs !== undefined) fields.totalMs = Math.round(timing.totalMs);
  return fields;
}

/**
 * The row of a job whose state is known (from the list it was read from, or `getState`), timed from its spans
 * when they are given and cover its attempts.
 */
export function toJobRow(queue: string, job: Job, state: JobStateName | 'unknown', spans?: readonly TraceSpan[]): JobRow {
  const row: JobRow = {
    queue,
    id: String(job.id ?? ''),
    name: job.name,
    state,
    attemptsMade: attemptsMadeOf(job),
    // BullMQ stores 0 when the option was not given: one attempt; so is anything unreadable.
    attempts: Math.max(1, countOf(job.opts?.attempts, 1)),
    // 0, as for an unreadable job, when the hash's timestamp is not a time: the UI shows it as unknown.
    timestamp: countOf(job.timestamp, 0),
    ...timingFields(jobTiming(jobTimesOf(queue, job), spans)),
  };
  const { traceId, sampled } = jobTraceOf(job.opts?.telemetry?.metadata);
  if (traceId !== undefined) row.traceId = traceId;
  // An iteration of a job scheduler carries the upsert's metadata, but is sampled on its own.
  if (sampled === false && !isSchedulerIteration(job)) row.sampled = false;
  if (job.failedReason) row.failedReason = boundText(String(job.failedReason), FAILED_REASON_CHARS);
  return row;
}

/** True when the job ran more than once: its hash alone does not time it (see timing/job-timing.ts). */
export function needsSpansForTiming(job: Job): boolean {
  return attemptsMadeOf(job) > 1;
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
export function toJobDetails(row: JobRow, job: Job, traceIds: readonly string[], spans?: readonly TraceSpan[]): JobDetails {
  // BullMQ keeps whatever JSON array the hash holds: a frame that is not a string is no stack to show.
  const frames: unknown = job.stacktrace;
  const last: unknown = Array.isArray(frames) ? frames[frames.length - 1] : undefined;
  const lastStack = typeof last === 'string' ? last : '';
  const times = jobTimesOf(row.queue, job);
  const details: JobDetails = {
    ...row,
    traceIds: [...traceIds],
    dataPreview: preview(job.data),
    stack: lastStack ? lastStack.split('\n', STACK_LINES).map((line) => boundText(line, STACK_LINE_CHARS)) : [],
    times,
    timing: jobTiming(times, spans),
  };
  if (job.processedOn) details.processedOn = job.processedOn;
  if (job.finishedOn) details.finishedOn = job.finishedOn;
  if (job.parentKey) details.parentKey = job.parentKey;
  return details;
}
