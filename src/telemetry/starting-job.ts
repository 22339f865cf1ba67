import type { JobLike } from './job-facts';

/**
 * The job whose processing BullMQ is starting, while `Worker.processJob` runs synchronously.
 *
 * BullMQ creates the process span from the job's metadata alone. Deciding at that moment whether a `lean`
 * worker may run the job untraced needs one more fact, whether the job is an iteration of a job scheduler
 * (those are sampled on their own), and BullMQ asks for the span synchronously at the start of
 * `processJob`, so the job is parked here for exactly that stretch (see bullmq-hooks.ts).
 */
let current: JobLike | undefined;

/** Runs `fn` with `job` as the job being started, for its synchronous part. */
export function runStartingJob<T>(job: JobLike, fn: () => T): T {
  const previous = current;
  current = job;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/** The job whose processing is being started right now, if any. */
export function startingJob(): JobLike | undefined {
  return current;
}

/** Whether a job is an iteration of a job scheduler (or of a legacy repeatable job). */
export function isSchedulerIteration(job: Pick<JobLike, 'id' | 'repeatJobKey' | 'opts'>): boolean {
  if (job.repeatJobKey !== undefined || job.opts?.repeatJobKey !== undefined) return true;
  return typeof job.id === 'string' && job.id.startsWith('repeat:');
}
