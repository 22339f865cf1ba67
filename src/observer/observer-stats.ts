/** Counters of a {@link QueueEventsObserver}, all since it was attached unless noted. */
export interface ObserverStats {
  /** Queue events the observer acted on (`active`, `completed`, `failed`, `stalled`). */
  received: number;
  /** Stall spans recorded. */
  stalls: number;
  /** Observed process spans recorded for jobs of uninstrumented workers. */
  processed: number;
  /** Observed wait spans recorded. */
  waits: number;
  /** Finished jobs skipped because a QueueOtel worker already traced that attempt. */
  instrumented: number;
  /** Lookups whose job hash was gone (removed on completion, or trimmed) or unreadable. */
  missing: number;
  /** Events dropped because the pending-lookup queue was full (the observer fell behind). */
  dropped: number;
  /** Batches of lookups that failed (Redis unreachable); their events are lost. */
  lookupErrors: number;
  /** Events waiting for a lookup right now. */
  pending: number;
  /** Lookup batches in flight right now. */
  inFlight: number;
  /** Age in ms of the newest event handled when it was handled (Redis time to local time). */
  lagMs: number;
  /** Times the QueueEvents connection was lost. */
  disconnects: number;
  /** Whether the QueueEvents connection is up, as far as the observer can tell. */
  connected: boolean;
}

/** A zeroed stats object. */
export function emptyStats(): ObserverStats {
  return {
    received: 0, stalls: 0, processed: 0, waits: 0, instrumented: 0, missing: 0, dropped: 0,
    lookupErrors: 0, pending: 0, inFlight: 0, lagMs: 0, disconnects: 0, connected: true,
  };
}
