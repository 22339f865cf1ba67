/**
 * Readers for values that come from BullMQ or Redis: a job hash may have been written by another tool, an
 * older client or by hand, and a `Job` built by application code can hold anything. Each reader returns a
 * value of the type QueueOtel works with, or undefined, and never throws for plain data.
 */

/** Whether `value` is an object whose properties can be read (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `value` if it is an object, else an empty one: for reading optional properties of an untrusted value. */
export function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** A string, or a number or bigint as its decimal text (job ids and names written by hand); else undefined. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint') return String(value);
  return undefined;
}

/** A finite number, or undefined. */
export function finiteOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Largest time a JavaScript `Date` can hold, in ms since the epoch (about the year 275760). */
const MAX_EPOCH_MS = 8.64e15;

/**
 * A point in time in ms since the epoch (or a duration in ms) within `Date`'s range, or undefined: sums and
 * differences of two such values stay finite, and a span never gets a start time no clock can show.
 */
export function epochMsOf(value: unknown): number | undefined {
  return typeof value === 'number' && value >= 0 && value <= MAX_EPOCH_MS ? value : undefined;
}

/** A whole number of at least zero (a count), or undefined. */
export function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
