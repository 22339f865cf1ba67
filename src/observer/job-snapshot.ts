import { PROCESSED_MARKER_FIELD } from '../vocabulary';

/**
 * The few job-hash fields an observer needs, read with one HMGET. Short names are BullMQ's: `atm`
 * attempts made, `ats` attempts started, `stc` stalled counter, `pb` processed by (worker name),
 * `defa` deferred failure (set when a stall will fail the job).
 */
export const SNAPSHOT_FIELDS = [
  'name', 'opts', 'timestamp', 'delay', 'processedOn', 'finishedOn', 'atm', 'ats', 'stc', 'failedReason', 'pb', 'defa',
  PROCESSED_MARKER_FIELD,
] as const;

/** What an observer knows about a job from its hash. Times are epoch ms. */
export interface JobSnapshot {
  name: string;
  /** The producer's trace metadata (`opts.tm`), when present. */
  metadata: string | undefined;
  timestamp: number | undefined;
  delay: number;
  processedOn: number | undefined;
  finishedOn: number | undefined;
  attemptsMade: number;
  attemptsStarted: number;
  stalledCounter: number;
  failedReason: string | undefined;
  processedBy: string | undefined;
  /** Set when the stalled checker decided the job will fail on its next pick-up. */
  deferredFailure: string | undefined;
  /** Attempt number a QueueOtel worker with `markProcessedJobs` wrote, if any. */
  instrumentedAttempt: number | undefined;
}

type Raw = (string | null)[];

function num(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function str(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

/** `tm` and `delay` from the `opts` JSON (the hash's own `delay` is zeroed when a delayed job is promoted). */
function readOpts(opts: string | null | undefined): { metadata: string | undefined; delay: number | undefined } {
  if (!opts) return { metadata: undefined, delay: undefined };
  try {
    const parsed = JSON.parse(opts) as { tm?: unknown; delay?: unknown } | null;
    const tm = parsed?.tm;
    const delay = parsed?.delay;
    return { metadata: typeof tm === 'string' ? tm : undefined, delay: typeof delay === 'number' ? delay : undefined };
  } catch {
    return { metadata: undefined, delay: undefined };
  }
}

/** Parses an HMGET reply of {@link SNAPSHOT_FIELDS}; undefined when the job no longer exists. */
export function parseSnapshot(raw: Raw | null | undefined): JobSnapshot | undefined {
  if (!raw) return undefined;
  const [name, opts, timestamp, delay, processedOn, finishedOn, atm, ats, stc, failedReason, pb, defa, marker] = raw;
  // A job hash always has a timestamp; without one the job is gone (removed, or cleaned).
  if (timestamp === null || timestamp === undefined) return undefined;
  const attemptsMade = num(atm) ?? 0;
  const parsedOpts = readOpts(opts);
  return {
    name: name ?? '',
    metadata: parsedOpts.metadata,
    timestamp: num(timestamp),
    delay: parsedOpts.delay ?? num(delay) ?? 0,
    processedOn: num(processedOn),
    finishedOn: num(finishedOn),
    attemptsMade,
    attemptsStarted: num(ats) ?? attemptsMade,
    stalledCounter: num(stc) ?? 0,
    failedReason: str(failedReason),
    processedBy: str(pb),
    deferredFailure: str(defa),
    instrumentedAttempt: num(marker),
  };
}
