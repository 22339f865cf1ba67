import type { PropagationDirection, PropagationFailureReason } from '../vocabulary';

/** Receives every propagation failure, e.g. to increment a metric. */
export type PropagationFailureListener = (direction: PropagationDirection, reason: PropagationFailureReason) => void;

/** A sink for the periodic warning; defaults to `console.warn`. */
export type WarningLogger = (message: string) => void;

/**
 * Counts propagation failures and warns about them at most once per interval, with the counts since
 * the last warning: a queue full of bad metadata must not turn into one log line per job.
 */
export class PropagationFailureReporter {
  private readonly counts = new Map<string, number>();
  private lastWarning = 0;
  private readonly totals = new Map<string, number>();

  constructor(
    private readonly log: WarningLogger,
    private readonly intervalMs = 60_000,
    private readonly listener?: PropagationFailureListener,
  ) {}

  /**
   * Records one failure; cheap enough for the job path. Never throws: it is called from inside BullMQ's
   * processing, where a throwing listener or logger would stall the worker.
   */
  report(direction: PropagationDirection, reason: PropagationFailureReason): void {
    const key = `${direction}/${reason}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.totals.set(key, (this.totals.get(key) ?? 0) + 1);
    try {
      this.listener?.(direction, reason);
    } catch {
      // the count above is kept; a broken listener only loses its own copy
    }
    const now = Date.now();
    if (now - this.lastWarning >= this.intervalMs) {
      this.lastWarning = now;
      const summary = [...this.counts].map(([k, n]) => `${k}: ${n}`).join(', ');
      this.counts.clear();
      try {
        this.log(
          `queue-otel: unusable trace metadata on jobs (${summary}); those jobs start new traces, or run without the ` +
            'fields left out. ' +
            'See docs/spans.md#bad-metadata.',
        );
      } catch {
        // a broken logger must not fail the job
      }
    }
  }

  /** Failures since start, keyed `direction/reason`. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.totals);
  }
}
