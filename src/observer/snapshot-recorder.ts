import type { ObservationHost } from '../telemetry';
import { parseSnapshot } from './job-snapshot';
import type { JobSnapshot } from './job-snapshot';
import { STALL_ERROR_TYPE } from './observed-spans';
import type { ObservedSpans } from './observed-spans';
import type { ObserverStats } from './observer-stats';

/** The QueueEvents events the observer looks jobs up for. */
export type ObservedEventKind = 'completed' | 'failed' | 'stalled';

/** One event waiting for its job hash to be read. */
export interface PendingLookup {
  key: string;
  kind: ObservedEventKind;
  jobId: string;
  /** Redis time of the event (its stream id), else local time when it was received. */
  at: number;
  /** Redis time of the attempt's `active` event, when the observer saw it. */
  startedAt: number | undefined;
}

/**
 * Turns a looked-up job hash into the observer's records: a stall span, or the spans of an attempt an uninstrumented
 * worker processed, and the attempt reported to QueueOtel's observers (its metrics). Kept apart from the observer,
 * which owns the events, the lookups and the connections; it counts into the observer's `counters`.
 */
export class SnapshotRecorder {
  constructor(
    private readonly queue: string,
    private readonly spans: ObservedSpans,
    private readonly host: ObservationHost,
    private readonly counters: ObserverStats,
    private readonly reportAttempts: boolean,
  ) {}

  /** Records the job hash read for `item` (null when the job is gone: counted as missing). */
  record(item: PendingLookup, reply: (string | null)[] | null): void {
    this.counters.lagMs = Math.max(0, Date.now() - item.at);
    const snapshot = parseSnapshot(reply);
    if (!snapshot) {
      this.counters.missing++;
      return;
    }
    if (item.kind === 'stalled') this.recordStall(item, snapshot);
    else this.recordProcessed(item, snapshot);
  }

  private recordStall(item: PendingLookup, snapshot: JobSnapshot): void {
    const ids = this.spans.stall(this.queue, item.jobId, snapshot, item.at, item.startedAt);
    this.counters.stalls++;
    if (!this.reportAttempts) return;
    this.host.reportAttempt({
      queue: this.queue, jobName: snapshot.name, outcome: 'stalled', processSeconds: undefined, waitSeconds: undefined, endToEndSeconds: undefined,
      errorType: STALL_ERROR_TYPE, ...ids,
    });
  }

  private recordProcessed(item: PendingLookup, snapshot: JobSnapshot): void {
    // The marker names the attempt a QueueOtel worker started; that worker traced it already.
    const marker = snapshot.instrumentedAttempt;
    if (marker !== undefined && marker >= snapshot.attemptsStarted) {
      this.counters.instrumented++;
      return;
    }
    const failed = item.kind === 'failed';
    const recorded = this.spans.processed(this.queue, item.jobId, snapshot, failed, item.at);
    this.counters.processed++;
    if (recorded.wait) this.counters.waits++;
    if (!this.reportAttempts) return;
    const end = snapshot.finishedOn ?? item.at;
    const first = Math.max(snapshot.attemptsStarted, snapshot.attemptsMade) <= 1;
    const readyAt = snapshot.timestamp !== undefined ? snapshot.timestamp + snapshot.delay : undefined;
    this.host.reportAttempt({
      queue: this.queue,
      jobName: snapshot.name,
      outcome: failed ? 'failed' : 'completed',
      // Only the failed reason survives in Redis: the error's class is unknown.
      errorType: failed ? '_OTHER' : undefined,
      processSeconds: snapshot.processedOn !== undefined ? Math.max(0, end - snapshot.processedOn) / 1000 : undefined,
      waitSeconds: first && readyAt !== undefined && snapshot.processedOn !== undefined ? Math.max(0, snapshot.processedOn - readyAt) / 1000 : undefined,
      endToEndSeconds: snapshot.timestamp !== undefined ? Math.max(0, end - snapshot.timestamp) / 1000 : undefined,
      traceId: recorded.traceId,
      spanId: recorded.spanId,
    });
  }
}
