/**
 * Durations of one attempt computed from the timestamps BullMQ keeps on a job, in seconds.
 */

/** The fields of a BullMQ `Job` the timings are computed from (all epoch milliseconds). */
export interface JobTimestamps {
  /** When the job was added (`job.timestamp`). */
  timestamp: number;
  /** Delay requested at add time (`job.delay` or `job.opts.delay`); 0 when none. */
  delay?: number | undefined;
  /** When the current attempt started (`job.processedOn`). */
  processedOn?: number | undefined;
  /** When the job finished (`job.finishedOn`), for final outcomes. */
  finishedOn?: number | undefined;
  /** Attempts started so far, counting the current one (`job.attemptsStarted`). */
  attemptsStarted?: number | undefined;
}

/** Durations in seconds; a field is absent when it cannot be computed honestly. */
export interface JobTimings {
  /** Enqueue (or end of the delay) to start of processing; only for the first attempt. */
  waitSeconds?: number;
  /** Start of the current attempt to `now`. */
  processSeconds?: number;
  /** Enqueue to `finishedOn` (or `now` when `final` and no `finishedOn`). */
  endToEndSeconds?: number;
}

/**
 * Computes wait, process and end-to-end durations for an attempt ending at `now`. The wait is given for the
 * first attempt only: BullMQ overwrites `processedOn` per attempt and keeps no "ready again" time after a
 * retry's backoff, so a later attempt's wait would silently include earlier attempts.
 * @example
 * jobTimings(job, Date.now(), true) // { waitSeconds: 0.2, processSeconds: 1.5, endToEndSeconds: 1.7 }
 */
export function jobTimings(job: JobTimestamps, now: number, final: boolean): JobTimings {
  const timings: JobTimings = {};
  const readyAt = job.timestamp + (job.delay ?? 0);
  if (job.processedOn !== undefined) {
    if ((job.attemptsStarted ?? 1) <= 1) timings.waitSeconds = Math.max(0, job.processedOn - readyAt) / 1000;
    timings.processSeconds = Math.max(0, now - job.processedOn) / 1000;
  }
  if (final) timings.endToEndSeconds = Math.max(0, (job.finishedOn ?? now) - job.timestamp) / 1000;
  return timings;
}
