/**
 * One definition of a job's queue wait and processing time, per attempt and in total, used by every place that
 * shows them: the jobs table and `queue-otel jobs`, the job info, its trace line, the classes view and the
 * waterfall's backoff rows.
 *
 * - processing of an attempt: from its start to its end (its `process` span; from the job hash alone only the
 *   last attempt's, `finishedOn - processedOn`);
 * - backoff before attempt n > 1: the delay BullMQ waits before retrying (`opts.backoff`: fixed, or exponential
 *   `delay × 2^(n-2)`), never more than the gap between the attempts; with jitter or a custom strategy the delay
 *   is not known and the whole gap counts as backoff;
 * - wait of an attempt: from the moment it could run to its start: attempt 1 from enqueue plus `opts.delay`,
 *   attempt n from the end of attempt n-1 plus its backoff;
 * - totals: the sums over the attempts; `totalMs` runs from the first moment the job could run to its end.
 *
 * A job that ran once is timed from its hash. A retried job needs its spans (process spans with their attempt
 * number, and the first attempt's wait span or `bullmq.job.wait_ms`): its hash only keeps the last attempt's start,
 * so without spans its wait and processing are unknown, not guessed.
 */
import { BullmqAttributes, MessagingAttributes } from 'queue-otel';
import type { TraceSpan } from 'queue-otel/traces';

/** BullMQ's `opts.backoff`: a fixed delay in ms, or a strategy with its delay. */
export type BackoffOption = number | { type?: unknown; delay?: unknown; jitter?: unknown };

/** The facts of a job hash the timing is computed from (ms since the epoch). */
export interface JobTimes {
  id: string;
  queue: string;
  /** Enqueue time. */
  timestamp?: number | undefined;
  /** `opts.delay`. */
  delayMs?: number | undefined;
  /** Start of the last attempt. */
  processedOn?: number | undefined;
  /** End of the job (completed, or failed for good). */
  finishedOn?: number | undefined;
  /** Attempts that ended. */
  attemptsMade: number;
  backoff?: BackoffOption | undefined;
}

/** One attempt, ms since the epoch and durations in ms; undefined where not known. */
export interface AttemptTiming {
  attempt: number;
  /** When the attempt could have started (enqueue + delay, or previous end + backoff). */
  readyAt?: number;
  startAt?: number;
  endAt?: number;
  /** Backoff before this attempt (0 for the first). */
  backoffMs?: number;
  waitMs?: number;
  processMs?: number;
  /** `bullmq.job.outcome` of its span: completed, retried, failed ... */
  outcome?: string;
}

/** A job's timing: per attempt and totals. */
export interface JobTiming {
  attempts: AttemptTiming[];
  waitMs?: number;
  processMs?: number;
  backoffMs?: number;
  /** From the first moment the job could run to its end (or the end of its last known attempt). */
  totalMs?: number;
  /** Where the numbers come from. */
  source: 'job' | 'spans';
}

const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * The backoff BullMQ applies before attempt `attempt` (2 or more), in ms; 0 without a backoff option (BullMQ
 * retries at once); undefined when it is random (jitter) or decided by a custom strategy.
 */
export function backoffBefore(backoff: BackoffOption | undefined, attempt: number): number | undefined {
  if (backoff === undefined || backoff === null) return 0;
  if (typeof backoff === 'number') return Number.isFinite(backoff) ? Math.max(0, backoff) : undefined;
  if (typeof backoff !== 'object') return undefined;
  const delay = finite(backoff.delay) ?? 0;
  if ((finite(backoff.jitter) ?? 0) > 0) return undefined;
  if (backoff.type === 'fixed') return Math.max(0, delay);
  if (backoff.type === 'exponential') return Math.max(0, Math.round(2 ** (attempt - 2) * delay));
  return undefined;
}

/** The first moment the job could run: enqueue time plus its delay. */
function readyAtOf(job: JobTimes): number | undefined {
  return job.timestamp === undefined ? undefined : job.timestamp + Math.max(0, job.delayMs ?? 0);
}

function sum(values: readonly (number | undefined)[]): number | undefined {
  let total = 0;
  for (const value of values) {
    if (value === undefined) return undefined;
    total += value;
  }
  return total;
}

/** Totals over the attempts; a total is unknown when one of its parts is. */
function withTotals(attempts: AttemptTiming[], source: JobTiming['source'], firstReady: number | undefined): JobTiming {
  const timing: JobTiming = { attempts, source };
  const wait = sum(attempts.map((a) => a.waitMs));
  const process = sum(attempts.map((a) => a.processMs));
  const backoff = sum(attempts.map((a) => a.backoffMs));
  if (wait !== undefined) timing.waitMs = wait;
  if (process !== undefined) timing.processMs = process;
  if (backoff !== undefined) timing.backoffMs = backoff;
  const end = attempts[attempts.length - 1]?.endAt;
  if (firstReady !== undefined && end !== undefined) timing.totalMs = Math.max(0, end - firstReady);
  return timing;
}

/** Timing from the job hash alone: exact for a job that ran once, the last attempt only for a retried one. */
export function timingFromJob(job: JobTimes): JobTiming {
  const readyAt = readyAtOf(job);
  const retried = job.attemptsMade > 1;
  const last: AttemptTiming = { attempt: Math.max(1, job.attemptsMade || 1) };
  if (job.processedOn) last.startAt = job.processedOn;
  if (job.processedOn && job.finishedOn) {
    last.endAt = job.finishedOn;
    last.processMs = Math.max(0, job.finishedOn - job.processedOn);
  }
  if (!retried) {
    last.backoffMs = 0;
    if (readyAt !== undefined) last.readyAt = readyAt;
    if (job.processedOn && readyAt !== undefined) last.waitMs = Math.max(0, job.processedOn - readyAt);
    return withTotals([last], 'job', readyAt);
  }
  // The earlier attempts left no times in the hash: they are there, unknown.
  const earlier: AttemptTiming[] = [];
  for (let attempt = 1; attempt < last.attempt; attempt += 1) earlier.push({ attempt });
  const timing = withTotals([...earlier, last], 'job', readyAt);
  if (readyAt !== undefined && job.finishedOn) timing.totalMs = Math.max(0, job.finishedOn - readyAt);
  return timing;
}

/** `queue` NUL `job id` of a process or wait span, or undefined for other spans and spans without a job id. */
export function jobKeyOfSpan(span: TraceSpan): string | undefined {
  if (!span.name.startsWith('process ') && !span.name.startsWith('wait ')) return undefined;
  const id = span.attributes[BullmqAttributes.jobId] ?? span.attributes[MessagingAttributes.messageId];
  if (id === undefined) return undefined;
  const queue = span.attributes[MessagingAttributes.destinationName] ?? span.name.slice(span.name.indexOf(' ') + 1);
  return `${String(queue)}\u0000${String(id)}`;
}

/** The `bullmq.job.outcome` of an attempt's span, if it has one. */
export function outcomeOfSpan(span: TraceSpan): string | undefined {
  const outcome = span.attributes[BullmqAttributes.outcome];
  return outcome === undefined ? undefined : String(outcome);
}

/** A gap between two attempts of one job: the backoff, then the wait until a worker took the job again. */
export interface AttemptGap {
  /** `gap:` and the later attempt's span id. */
  id: string;
  /** The attempt before the gap and the one after it. */
  beforeSpanId: string;
  afterSpanId: string;
  /** `queue` NUL `job id` of the job (see jobKeyOfSpan). */
  job: string;
  /** The later attempt's number. */
  attempt: number;
  startUs: number;
  endUs: number;
}

/** The gaps between consecutive attempts of each job in a trace. */
export function attemptGaps(spans: readonly TraceSpan[]): AttemptGap[] {
  const byJob = new Map<string, TraceSpan[]>();
  for (const span of spans) {
    const key = span.name.startsWith('process ') ? jobKeyOfSpan(span) : undefined;
    if (!key) continue;
    const list = byJob.get(key);
    if (list) list.push(span);
    else byJob.set(key, [span]);
  }
  const gaps: AttemptGap[] = [];
  for (const [job, attempts] of byJob) {
    attempts.sort((a, b) => a.startUs - b.startUs);
    for (let i = 1; i < attempts.length; i += 1) {
      const before = attempts[i - 1] as TraceSpan;
      const after = attempts[i] as TraceSpan;
      if (after.startUs <= before.endUs) continue;
      const attempt = finite(after.attributes[BullmqAttributes.attempt]) ?? i + 1;
      gaps.push({ id: `gap:${after.spanId}`, beforeSpanId: before.spanId, afterSpanId: after.spanId, job, attempt, startUs: before.endUs, endUs: after.startUs });
    }
  }
  return gaps;
}

/**
 * The backoff part of a gap, µs, given the job's backoff option (from its hash): the rest of the gap is queue
 * wait. Undefined when the option does not tell (jitter, a custom strategy) or the job is not known.
 */
export function gapBackoffUs(gap: AttemptGap, backoff: BackoffOption | undefined, known: boolean): number | undefined {
  if (!known) return undefined;
  const ms = backoffBefore(backoff, gap.attempt);
  return ms === undefined ? undefined : Math.min(gap.endUs - gap.startUs, ms * 1000);
}

/** True when `span` belongs to the job: its id and, where the span names it, its queue. */
function isJobSpan(span: TraceSpan, job: Pick<JobTimes, 'id' | 'queue'>, operation: 'process' | 'wait'): boolean {
  if (!span.name.startsWith(`${operation} `)) return false;
  const id = span.attributes[BullmqAttributes.jobId] ?? span.attributes[MessagingAttributes.messageId];
  if (String(id) !== job.id) return false;
  const queue = span.attributes[MessagingAttributes.destinationName];
  return queue === undefined || String(queue) === job.queue;
}

/** The job's process spans, one per attempt, in attempt order. */
export function attemptSpansOf(spans: readonly TraceSpan[], job: Pick<JobTimes, 'id' | 'queue'>): TraceSpan[] {
  const attempt = (span: TraceSpan): number => finite(span.attributes[BullmqAttributes.attempt]) ?? Number.MAX_SAFE_INTEGER;
  return spans.filter((span) => isJobSpan(span, job, 'process'))
    .sort((a, b) => attempt(a) - attempt(b) || a.startUs - b.startUs);
}

/**
 * Timing from the job's spans, with the hash for what spans do not carry (enqueue time, delay, backoff option).
 * Undefined when the spans do not cover every attempt the hash counts (not sampled, expired, still arriving).
 */
export function timingFromSpans(spans: readonly TraceSpan[], job: JobTimes): JobTiming | undefined {
  const process = attemptSpansOf(spans, job);
  if (process.length === 0 || process.length < job.attemptsMade) return undefined;
  const waitSpan = spans.find((span) => isJobSpan(span, job, 'wait'));
  const attempts: AttemptTiming[] = [];
  let firstReady: number | undefined;
  process.forEach((span, index) => {
    const startAt = span.startUs / 1000;
    const endAt = span.endUs / 1000;
    const attempt: AttemptTiming = { attempt: index + 1, startAt, endAt, processMs: Math.max(0, endAt - startAt) };
    const outcome = outcomeOfSpan(span);
    if (outcome !== undefined) attempt.outcome = outcome;
    const previous = attempts[index - 1];
    if (!previous) {
      const waitMs = waitSpan ? (waitSpan.endUs - waitSpan.startUs) / 1000 : finite(span.attributes[BullmqAttributes.waitMs]);
      const readyAt = waitSpan ? waitSpan.startUs / 1000 : waitMs !== undefined ? startAt - waitMs : readyAtOf(job);
      attempt.backoffMs = 0;
      if (readyAt !== undefined) {
        attempt.readyAt = readyAt;
        attempt.waitMs = Math.max(0, waitMs ?? startAt - readyAt);
        firstReady = readyAt;
      }
    } else if (previous.endAt !== undefined) {
      const gap = Math.max(0, startAt - previous.endAt);
      const configured = backoffBefore(job.backoff, index + 1);
      const backoffMs = configured === undefined ? gap : Math.min(gap, configured);
      attempt.backoffMs = backoffMs;
      attempt.readyAt = previous.endAt + backoffMs;
      attempt.waitMs = gap - backoffMs;
    }
    attempts.push(attempt);
  });
  return withTotals(attempts, 'spans', firstReady);
}

/** The job's timing: from its spans when they cover every attempt, else from its hash. */
export function jobTiming(job: JobTimes, spans: readonly TraceSpan[] = []): JobTiming {
  return (spans.length ? timingFromSpans(spans, job) : undefined) ?? timingFromJob(job);
}
