/**
 * How one processing attempt of a job ended, as QueueOtel's spans (`bullmq.job.outcome`), its reports to
 * observers and the metrics name it:
 * - `completed`: the processor returned;
 * - `retried`: it threw and attempts are left (BullMQ will retry, possibly after a backoff delay);
 * - `failed`: it threw and no attempts are left (or the error was unrecoverable);
 * - `stalled`: the worker lost the job's lock while active (the stalled checker moved it);
 * - `delayed`, `waiting_children`, `rate_limited`: the processor moved the job on (control flow, neither
 *   success nor failure).
 */
export const ATTEMPT_OUTCOMES = ['completed', 'retried', 'failed', 'stalled', 'delayed', 'waiting_children', 'rate_limited'] as const;

/** One of {@link ATTEMPT_OUTCOMES}. */
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** The outcomes the metrics count (`outcome` label, one counter each): the control-flow ones are not outcomes there. */
export const RECORDED_OUTCOMES = ['completed', 'retried', 'failed', 'stalled'] as const satisfies readonly AttemptOutcome[];

/** One of {@link RECORDED_OUTCOMES}. */
export type RecordedOutcome = (typeof RECORDED_OUTCOMES)[number];

const RECORDED: ReadonlySet<string> = new Set(RECORDED_OUTCOMES);

/**
 * Whether `outcome` ends the job, not just the attempt: `completed`, or `failed` for good. A retried or stalled
 * attempt's job goes back to the queue; the end-to-end time ends only here.
 */
export function isFinalOutcome(outcome: AttemptOutcome): boolean {
  return outcome === 'completed' || outcome === 'failed';
}

/** Whether the metrics count `outcome`. */
export function isRecordedOutcome(outcome: AttemptOutcome): outcome is RecordedOutcome {
  return RECORDED.has(outcome);
}
