import type { AttemptOutcome } from '../vocabulary';

/**
 * One finished processing attempt, as metrics and other observers see it. Durations are seconds.
 * `traceId`/`spanId` are set only when the attempt's span was sampled, so that exemplars point at
 * traces that exist.
 */
export interface AttemptReport {
  queue: string;
  jobName: string;
  outcome: AttemptOutcome;
  processSeconds: number;
  waitSeconds: number | undefined;
  endToEndSeconds: number | undefined;
  traceId: string | undefined;
  spanId: string | undefined;
}

/** A job (or batch) handed to Redis by a producer. */
export interface SendReport {
  queue: string;
  jobName: string;
  count: number;
  traceId: string | undefined;
  spanId: string | undefined;
}

/** Receives reports from QueueOtel; implemented by the metrics module. */
export interface JobLifecycleObserver {
  onSent?(report: SendReport): void;
  onAttemptEnd?(report: AttemptReport): void;
}
