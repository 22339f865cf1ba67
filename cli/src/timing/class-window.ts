/**
 * The windows of the classes view (a queue's job names over recent jobs) and how much of Redis each may read.
 * Finished jobs are read newest first from the completed and failed sets (scored by finish time), at most
 * {@link MAX_JOBS_PER_STATE} per set, so a queue of any size costs the same.
 */

/** At most this many jobs are read per state (completed, failed) for one refresh of the classes view. */
export const MAX_JOBS_PER_STATE = 500;
/** At most this many traces are read from the span store to time retried jobs (their hash keeps one attempt). */
export const MAX_TRACES_PER_READ = 100;
/**
 * Of those, each class's slowest retried jobs (by the total their hash gives, enqueue to end) come first, this
 * many per class: the rows its slowest-jobs list opens on are timed however many retried jobs the window holds.
 * The rest go to the newest retried jobs.
 */
export const SLOWEST_TRACED_PER_CLASS = 10;
/** The job count of the "last N jobs" window. */
export const LAST_JOBS = 200;

/** The windows, in the order `w` cycles through them. */
export const CLASS_WINDOWS = ['15m', '1h', 'last-jobs'] as const;
/** One of {@link CLASS_WINDOWS}. */
export type ClassWindow = (typeof CLASS_WINDOWS)[number];

/** Sort orders of the classes table, in the order `s` cycles through them. */
export const CLASS_SORTS = ['jobs', 'failures', 'wait', 'processing'] as const;
/** One of {@link CLASS_SORTS}. */
export type ClassSort = (typeof CLASS_SORTS)[number];

/** What to read for a window: jobs finished since `sinceMs`, or the newest `jobs` of both sets together. */
export type WindowBounds = { sinceMs: number; perState: number } | { jobs: number; perState: number };

/** The bounds of `window` at `now` (ms since the epoch). */
export function windowBounds(window: ClassWindow, now: number): WindowBounds {
  switch (window) {
    case '15m': return { sinceMs: now - 15 * 60_000, perState: MAX_JOBS_PER_STATE };
    case '1h': return { sinceMs: now - 60 * 60_000, perState: MAX_JOBS_PER_STATE };
    case 'last-jobs': return { jobs: LAST_JOBS, perState: Math.min(LAST_JOBS, MAX_JOBS_PER_STATE) };
  }
}

/** A short label: `last 15 min`, `last hour`, `last 200 jobs`. */
export function windowLabel(window: ClassWindow): string {
  switch (window) {
    case '15m': return 'last 15 min';
    case '1h': return 'last hour';
    case 'last-jobs': return `last ${LAST_JOBS} jobs`;
  }
}

/** The next item of a cycle. */
export function nextOf<T>(items: readonly T[], current: T): T {
  const index = items.indexOf(current);
  return items[(index + 1) % items.length] ?? current;
}

/**
 * Keeps the finished jobs of a window: for a time window those finished since its start; for "last N" the N
 * newest of both states merged by finish time. `finishedOn` undefined counts as oldest.
 */
export function selectWindow<T extends { finishedOn?: number | undefined }>(jobs: readonly T[], bounds: WindowBounds): T[] {
  const newestFirst = [...jobs].sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0));
  if ('sinceMs' in bounds) return newestFirst.filter((job) => (job.finishedOn ?? 0) >= bounds.sinceMs);
  return newestFirst.slice(0, bounds.jobs);
}
