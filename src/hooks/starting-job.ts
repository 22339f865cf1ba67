import { syncSlot } from './sync-slot';

/**
 * The job whose processing BullMQ is starting, while `Worker.processJob` runs synchronously.
 *
 * BullMQ creates the process span from the job's metadata alone. Deciding at that moment whether a `lean`
 * worker may run the job untraced needs one more fact, whether the job is an iteration of a job scheduler
 * (those are sampled on their own), and BullMQ asks for the span synchronously at the start of
 * `processJob`, so the `processJob` wrapper parks the job here for exactly that stretch when a listener asks
 * for it (see wrappers.ts).
 */
const starting = syncSlot<unknown>();

/**
 * Parks `job` (as BullMQ handed it over: of any shape) as the job being started and returns what was parked before,
 * to be put back with another call once the synchronous part of the start is over.
 */
export function swapStartingJob(job: unknown): unknown {
  return starting.swap(job);
}

/** The job whose processing is being started right now, if any; untrusted, like everything BullMQ hands over. */
export function startingJob(): unknown {
  return starting.current();
}
