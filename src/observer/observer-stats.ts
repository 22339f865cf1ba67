/**
 * Counters of a {@link QueueEventsObserver}, all since it was attached unless noted. Every event in `received`
 * ends in exactly one of `stalls`, `processed`, `instrumented`, `missing`, `failedLookups`, `recordErrors` or
 * `dropped`, unless it is still pending or in flight.
 */
export interface ObserverStats {
  /**
   * `completed`, `failed` and `stalled` events received while tracing was enabled. `active` events are not
   * counted: they only note when an attempt started (for the stall span).
   */
  received: number;
  /** Stall spans recorded. */
  stalls: number;
  /** Observed process spans recorded for jobs of uninstrumented workers. */
  processed: number;
  /** Observed wait spans recorded. */
  waits: number;
  /** Finished jobs skipped because a QueueOtel worker already traced that attempt. */
  instrumented: number;
  /** Lookups that read no job hash: it was gone (removed on completion, or cleaned) or was not a job hash. */
  missing: number;
  /** Events dropped because the pending-lookup queue was full (the observer fell behind). */
  dropped: number;
  /** Lookup round trips (pipelines) that failed in whole or in part (Redis unreachable, an error reply). */
  lookupErrors: number;
  /**
   * Events whose job hash could not be read: their lookup failed (see `lookupErrors`), or was still waiting
   * when `close()` gave up. Their spans are lost. Not counted in `missing`.
   */
  failedLookups: number;
  /** Events whose lookup succeeded but recording them threw (a tracer, sampler or propagator failing); their spans are lost. */
  recordErrors: number;
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
  /**
   * Times lookups were held because a **shared** lookup client (a `Queue` or an ioredis client given as
   * `connection`) was not ready: counted once per outage, when a lookup first has to wait. A client the observer
   * opens is not held back (its lookups fail fast and are counted in `failedLookups`).
   */
  lookupDisconnects: number;
  /** False while lookups are held for a shared lookup client that is not ready (they wait in `pending`). */
  lookupConnected: boolean;
}

/** A zeroed stats object. */
export function emptyStats(): ObserverStats {
  return {
    received: 0, stalls: 0, processed: 0, waits: 0, instrumented: 0, missing: 0, dropped: 0,
    lookupErrors: 0, failedLookups: 0, recordErrors: 0, pending: 0, inFlight: 0, lagMs: 0, disconnects: 0, connected: true,
    lookupDisconnects: 0, lookupConnected: true,
  };
}
