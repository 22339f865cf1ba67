/** The lines of the job peek/info view: facts, timing (timing/job-timing.ts), error, data and trace ids. */
import type { JobDetails } from '../../cli/services-types.js';
import type { AttemptTiming, JobTiming } from '../../timing/job-timing.js';
import { formatMs } from './format.js';

/** A labelled line of the info view; `tone` selects its colour. */
export interface InfoLine {
  label: string;
  value: string;
  tone?: 'error' | 'trace' | 'dim' | 'warn';
  /**
   * How long the line stays when the panel is too short for all of them ({@link fitInfoLines}): lower ranks go
   * first. Unset is {@link DEFAULT_RANK}.
   */
  rank?: number;
}

/** The rank of a line without one: the job's facts, its timing and its error. */
export const DEFAULT_RANK = 2;
/** The first trace id outlasts every other line: it is what the UI is for. */
const TRACE_RANK = 3;
/** Details that explain a line above them (the total, each attempt, the parent key, how long ago). */
const DETAIL_RANK = 1;
/** What a short panel can do without: the stack trace and the data preview. */
const EXTRA_RANK = 0;

/**
 * At most `budget` of `lines`, in their order: when they do not all fit, the lowest-ranked go first (the later
 * of equal rank first), so a short terminal loses the stack and the data before the trace id.
 */
export function fitInfoLines(lines: readonly InfoLine[], budget: number): InfoLine[] {
  const drop = lines.length - Math.max(0, budget);
  if (drop <= 0) return [...lines];
  const dropped = new Set(lines
    .map((line, index) => ({ rank: line.rank ?? DEFAULT_RANK, index }))
    .sort((a, b) => a.rank - b.rank || b.index - a.index)
    .slice(0, drop)
    .map((entry) => entry.index));
  return lines.filter((_line, index) => !dropped.has(index));
}

/** `3ms + 5ms` for the known parts of a total, when there is more than one. */
function parts(values: readonly (number | undefined)[]): string {
  return values.length > 1 ? ` (${values.map((value) => formatMs(value)).join(' + ')})` : '';
}

/** Wait, processing, backoff and total: the same numbers as the jobs table, the trace line and the classes view. */
export function timingLines(timing: JobTiming): InfoLine[] {
  const { attempts } = timing;
  const retried = attempts.length > 1;
  const lines: InfoLine[] = [];
  if (retried && timing.source === 'job') {
    lines.push({ label: 'Wait', value: '- (retried: each attempt is timed from its spans, which are not stored)', tone: 'dim' });
    lines.push({ label: 'Processing', value: `${formatMs(attempts[attempts.length - 1]?.processMs)} in the last attempt` });
  } else {
    lines.push({ label: 'Wait', value: `${formatMs(timing.waitMs)}${parts(attempts.map((a) => a.waitMs))}` });
    lines.push({ label: 'Processing', value: `${formatMs(timing.processMs)}${parts(attempts.map((a) => a.processMs))}` });
    if (retried) {
      lines.push({ label: 'Backoff', value: `${formatMs(timing.backoffMs)}${parts(attempts.slice(1).map((a) => a.backoffMs))}` });
      for (const attempt of attempts) lines.push({ label: '', value: attemptSummary(attempt), tone: 'dim', rank: DETAIL_RANK });
    }
  }
  if (timing.totalMs !== undefined && (retried || timing.totalMs !== timing.processMs)) {
    lines.push({ label: 'Total', value: `${formatMs(timing.totalMs)} from ready to ${retried ? 'the last attempt\'s end' : 'end'}`, tone: 'dim', rank: DETAIL_RANK });
  }
  return lines;
}

/** One attempt in a line: `#1 wait 3ms · processing 175ms · retried`. */
export function attemptSummary(attempt: AttemptTiming): string {
  const backoff = attempt.attempt > 1 && attempt.backoffMs !== undefined ? `backoff ${formatMs(attempt.backoffMs)} · ` : '';
  const outcome = attempt.outcome ? ` · ${attempt.outcome}` : '';
  return `#${attempt.attempt} ${backoff}wait ${formatMs(attempt.waitMs)} · processing ${formatMs(attempt.processMs)}${outcome}`;
}

/** Job facts, timing, error, data, then its trace ids; each line ranked for {@link fitInfoLines}. */
export function jobInfoLines(job: JobDetails, timing: JobTiming = job.timing, now = Date.now()): InfoLine[] {
  const retriedThenDone = job.state === 'completed' && job.attemptsMade > 1;
  const lines: InfoLine[] = [
    { label: 'Job', value: `${job.id}  ${job.name}` },
    { label: 'Queue', value: job.queue },
    {
      label: 'State',
      value: retriedThenDone ? `${job.state} after ${job.attemptsMade - 1} failed attempt${job.attemptsMade > 2 ? 's' : ''}` : job.state,
      ...(job.state === 'failed' ? { tone: 'error' as const } : retriedThenDone ? { tone: 'warn' as const } : {}),
    },
    { label: 'Attempts', value: `${job.attemptsMade} of ${job.attempts}` },
    // An unreadable hash may have no usable timestamp: 0 would read as 56 years ago.
    { label: 'Queued', value: job.timestamp > 0 ? `${formatMs(now - job.timestamp)} ago` : 'unknown', rank: DETAIL_RANK },
    ...timingLines(timing),
  ];
  if (job.unreadable !== undefined) lines.push({ label: 'Unreadable', value: `BullMQ cannot read this job: ${job.unreadable}`, tone: 'error' });
  if (job.parentKey) lines.push({ label: 'Parent', value: job.parentKey, rank: DETAIL_RANK });
  if (job.failedReason) lines.push({ label: 'Error', value: job.failedReason, tone: job.state === 'failed' ? 'error' : 'warn' });
  for (const line of job.stack.slice(1, 4)) lines.push({ label: '', value: line.trim(), tone: 'dim', rank: EXTRA_RANK });
  lines.push({ label: 'Data', value: job.dataPreview, tone: 'dim', rank: EXTRA_RANK });
  if (job.traceIds.length === 0) {
    lines.push({ label: 'Trace ID', value: 'No trace information', tone: 'dim' });
  } else {
    job.traceIds.forEach((traceId, index) => lines.push(index === 0
      ? { label: 'Trace ID', value: traceId, tone: 'trace', rank: TRACE_RANK }
      : { label: '', value: traceId, tone: 'trace', rank: DETAIL_RANK }));
  }
  if (job.sampled === false) lines.push({ label: 'Sampling', value: 'not sampled by its producer: no spans were recorded', tone: 'dim' });
  return lines;
}
