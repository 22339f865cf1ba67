/**
 * A coarse, low-cardinality class of failure for dashboards and alerts, derived from the error's
 * class, code and message. `error.type` keeps the precise class; this groups them.
 */
export const FAILURE_CATEGORIES = ['timeout', 'unrecoverable', 'connection', 'rate_limited', 'validation', 'lock_lost', 'application'] as const;

/** One of {@link FAILURE_CATEGORIES} (`bullmq.job.failure_category`). */
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The messages of the option checks BullMQ 5/6 runs before it writes a job (`Queue.add`/`addJob`, `Job.validateOptions`,
 * `FlowProducer`, `upsertJobScheduler`). BullMQ throws them as plain `Error`s, so the message is all there is to tell
 * them from an application's own failure. Anchored at the start: a handler's message merely quoting one stays as it is.
 */
const BULLMQ_VALIDATION_MESSAGE = new RegExp(
  '^(?:' +
    [
      "JobId cannot be '0'",
      'Custom Id cannot (?:be integers|contain :)',
      'The size of job .* exceeds the limit',
      'The following options cannot be used together',
      'Priority should (?:not be float|be between)',
      'Deduplication (?:id must be provided|and parent options cannot|options cannot be used)',
      'keepLastIfActive deduplication cannot be used',
      'Debounce option has been removed',
      'Jitter should be between',
      'End date must be greater than',
      'Queue name (?:must be provided|cannot contain)',
    ].join('|') +
    ')',
);

/**
 * Errors the JavaScript runtime throws for a programming mistake (`undefined.x`, a bad array length, an unknown
 * variable). In a handler they are bugs, so they are `application` even when their message says "Invalid ...".
 */
const RUNTIME_ERROR_NAMES = new Set(['TypeError', 'RangeError', 'ReferenceError']);

/**
 * Classifies an error (or just its name and message when that is all there is: `_OTHER` for an observed failure).
 * `validation` means input was refused by a check: BullMQ's own job-option validation (`jobId: '0'`, a float
 * priority, ...), an error class named `ValidationError`, or a message that says "validation" or "invalid" (unless
 * the runtime threw it: see {@link RUNTIME_ERROR_NAMES}). Runs on the failure path only.
 */
export function categorizeFailure(name: string, message: string, code?: unknown): FailureCategory {
  if (name === 'UnrecoverableError') return 'unrecoverable';
  if (name === 'RateLimitError' || /rate.?limit/i.test(message)) return 'rate_limited';
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return 'connection';
  if (/timed? ?out|timeout|ETIMEDOUT/i.test(`${name} ${message}`) || code === 'ETIMEDOUT') return 'timeout';
  // ioredis says "Connection is closed." once a client was closed or gave up reconnecting.
  if (/ECONNREFUSED|ECONNRESET|socket hang up|connection (is )?(closed|refused|reset)/i.test(message)) return 'connection';
  if (/missing lock|lock mismatch|lock.*lost/i.test(message)) return 'lock_lost';
  if (name === 'ValidationError' || BULLMQ_VALIDATION_MESSAGE.test(message)) return 'validation';
  if (RUNTIME_ERROR_NAMES.has(name)) return 'application';
  if (/invalid|validation/i.test(message)) return 'validation';
  return 'application';
}

/** The class name of a thrown value, as `error.type` wants it; `_OTHER` when there is none. */
export function errorTypeOf(error: unknown): string {
  if (error instanceof Error) {
    const ctorName: unknown = error.constructor?.name;
    // A subclass that does not set `name` still has a meaningful constructor name.
    if (typeof ctorName === 'string' && ctorName && ctorName !== 'Error') return ctorName;
    return typeof error.name === 'string' && error.name ? error.name : 'Error';
  }
  if (error && typeof error === 'object' && typeof (error as { name?: unknown }).name === 'string') {
    return (error as { name: string }).name;
  }
  return '_OTHER';
}

/** The message of a thrown value, as text; never throws (a null-prototype object has no `toString`). */
export function errorMessageOf(error: unknown): string {
  if (error instanceof Error) return typeof error.message === 'string' ? error.message : 'unknown';
  if (typeof error === 'string') return error;
  try {
    return String(error);
  } catch {
    return 'unknown';
  }
}
