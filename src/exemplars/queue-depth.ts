import type { Counter, Gauge } from 'prom-client';
import { diag } from '../otel-api';
import type { QueueLabelLimiter } from './label-values';
import { OTHER_LABEL_VALUE, sanitizeLabelValue } from './label-values';
import { settlesWithin } from '../wait';

/**
 * What {@link QueueDepthPoller} needs from a queue: BullMQ's `Queue` satisfies it. Structural, so the poller
 * does not tie this package to one BullMQ major.
 */
export interface QueueCountsSource {
  /** The queue's name; becomes `messaging_destination_name` (bounded). */
  readonly name: string;
  /** BullMQ's `Queue.getJobCounts()`: counts per state for all states when called without arguments. */
  getJobCounts(): Promise<Record<string, number>>;
  /**
   * BullMQ's `Queue.closing`: set once `close()` was called. A tracked queue that has it is untracked at its next
   * refresh, as if its untrack function had been called.
   */
  readonly closing?: Promise<void> | undefined;
}

/** Whether `source` was closed (BullMQ sets `closing` in `close()`); false for a getter that throws. */
function isClosing(source: QueueCountsSource): boolean {
  try {
    return source.closing !== undefined;
  } catch {
    return false;
  }
}

/**
 * Refresh interval of the queue-depth gauge, in milliseconds. Each refresh costs one Redis round trip with a
 * handful of commands per queue; 15 s matches Prometheus' usual scrape interval.
 * @default 15000
 */
export const DEFAULT_QUEUE_DEPTH_INTERVAL_MS = 15_000;

/**
 * Longest wait for one queue's counts, in milliseconds (shorter when the interval is): BullMQ's `getJobCounts()` does
 * not reject while Redis is unreachable, it waits for the connection, possibly for ever.
 */
export const MAX_QUEUE_DEPTH_READ_TIMEOUT_MS = 10_000;

/** Longest wait of `close()` for reads still in flight: a dead Redis must not hold a shutdown. */
const CLOSE_WAIT_MS = 1_000;

/** At most one warning per queue in this long, so a Redis that flaps does not flood the log. */
const WARNING_INTERVAL_MS = 60_000;

/** One `getJobCounts()` in flight. `timedOut` once a refresh gave up on it (that refresh counted the error). */
interface PendingRead {
  readonly done: Promise<void>;
  timedOut: boolean;
}

/** A tracked queue: its bounded label, its read in flight and the states written for it. */
interface TrackedQueue {
  readonly source: QueueCountsSource;
  readonly label: string;
  /** False for a queue folded into `__other__`: its depth would overwrite other queues', so none is reported. */
  readonly reported: boolean;
  read: PendingRead | undefined;
  states: Set<string>;
  /** True from a failure to the next successful read. */
  failing: boolean;
  /** Whether the current failing streak was logged, and when this queue was last logged. */
  warned: boolean;
  warnedAt: number;
}

/**
 * Refreshes the `queue_otel_queue_jobs{messaging_destination_name,state}` gauge from `getJobCounts()` of every
 * tracked queue. Each queue is read on its own, one read in flight at most, waited for at most the smaller of the
 * interval and {@link MAX_QUEUE_DEPTH_READ_TIMEOUT_MS}: a queue whose Redis hangs or fails never holds the others.
 * A failed or timed-out refresh of a queue is counted in `queue_otel_queue_jobs_refresh_errors_total` (the gauge
 * keeps that queue's last values) and the first failure of a streak is logged through OpenTelemetry's `diag.warn`
 * (at most once a minute per queue). Series of an untracked queue, of a state no longer reported and of every
 * queue at `close()` are removed, so no stale depth keeps an alert firing. A queue closed while tracked (BullMQ's
 * `closing` set) is untracked at its next refresh, so closed queues are neither kept nor counted as failing. The timers are `unref()`ed so they never
 * keep a process alive. Internal to {@link QueueMetrics}, which exposes `trackQueue` and `refreshQueueDepth`.
 */
export class QueueDepthPoller {
  readonly #queues = new Map<QueueCountsSource, TrackedQueue>();
  readonly #gauge: Gauge<'messaging_destination_name' | 'state'>;
  readonly #errors: Counter<'messaging_destination_name'>;
  readonly #limiter: QueueLabelLimiter;
  readonly #intervalMs: number;
  readonly #timeoutMs: number;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    gauge: Gauge<'messaging_destination_name' | 'state'>,
    errors: Counter<'messaging_destination_name'>,
    limiter: QueueLabelLimiter,
    intervalMs: number = DEFAULT_QUEUE_DEPTH_INTERVAL_MS,
  ) {
    this.#gauge = gauge;
    this.#errors = errors;
    this.#limiter = limiter;
    // NaN would reach setInterval as 1 ms: a typo ('5s') must not turn the poller into a loop against Redis.
    if (typeof intervalMs !== 'number' || !Number.isFinite(intervalMs)) {
      throw new RangeError(`queueDepthIntervalMs must be a number of milliseconds, got ${JSON.stringify(intervalMs)}`);
    }
    this.#intervalMs = Math.max(100, intervalMs);
    this.#timeoutMs = Math.min(this.#intervalMs, MAX_QUEUE_DEPTH_READ_TIMEOUT_MS);
  }

  /** Starts tracking `queue` (refreshing it once right away); returns a function that stops tracking it. */
  track(queue: QueueCountsSource): () => void {
    if (this.#closed) throw new Error('QueueMetrics is closed');
    let entry = this.#queues.get(queue);
    if (!entry) {
      const label = this.#limiter.queue(queue.name);
      entry = { source: queue, label, reported: label !== OTHER_LABEL_VALUE, read: undefined, states: new Set(), failing: false, warned: false, warnedAt: -Infinity };
      this.#queues.set(queue, entry);
    }
    const tracked = entry;
    this.#ensureTimer();
    // #refreshOne does not reject; the catch keeps even a bug there from becoming an unhandled rejection.
    this.#refreshOne(tracked).catch(() => undefined);
    return () => this.#untrack(tracked);
  }

  /** Forgets `entry` and removes its series; nothing when it is no longer tracked. */
  #untrack(entry: TrackedQueue): void {
    if (this.#queues.get(entry.source) !== entry) return;
    this.#queues.delete(entry.source);
    this.#removeSeries(entry);
    if (this.#queues.size === 0) this.#stopTimer();
  }

  /**
   * Refreshes all tracked queues now. Never rejects, and resolves within the read timeout even when a queue's
   * Redis does not answer. A queue whose read is still in flight is not read twice: the refresh waits for that read.
   */
  async refresh(): Promise<void> {
    await Promise.all(Array.from(this.#queues.values(), (entry) => this.#refreshOne(entry)));
  }

  /**
   * Stops the timer, forgets all queues and removes their series; waits for reads in flight at most a second
   * (their results are dropped).
   */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stopTimer();
    const entries = [...this.#queues.values()];
    this.#queues.clear();
    const reads: Promise<void>[] = [];
    for (const entry of entries) {
      this.#removeSeries(entry);
      if (entry.read) reads.push(entry.read.done);
    }
    if (reads.length > 0) await settlesWithin(Promise.all(reads), Math.min(this.#timeoutMs, CLOSE_WAIT_MS));
  }

  async #refreshOne(entry: TrackedQueue): Promise<void> {
    // A service that opens a Queue per request and tracks it would otherwise keep every closed Queue, and count a
    // failed read of each at every refresh, for ever: a closed queue has no depth to report.
    if (isClosing(entry.source)) {
      this.#untrack(entry);
      return;
    }
    const read = (entry.read ??= this.#startRead(entry));
    if (read.timedOut) {
      // Still no answer to a read an earlier refresh gave up on: counted at once, not raced again (each race
      // would add a callback to the same pending promise for as long as Redis stays away).
      if (this.#isActive(entry)) this.#failed(entry, 'still no answer to an earlier read');
      return;
    }
    if (await settlesWithin(read.done, this.#timeoutMs)) return;
    read.timedOut = true;
    if (this.#isActive(entry)) this.#failed(entry, `no answer within ${this.#timeoutMs} ms`);
  }

  #startRead(entry: TrackedQueue): PendingRead {
    const read: { done: Promise<void>; timedOut: boolean } = { done: Promise.resolve(), timedOut: false };
    read.done = (async () => {
      try {
        const counts = await entry.source.getJobCounts();
        // A late answer (after a timeout) is still the queue's current depth: Redis came back.
        if (this.#isActive(entry)) this.#apply(entry, counts);
      } catch (error) {
        // A read a refresh already gave up on was counted then; its rejection is the same failure.
        if (!read.timedOut && this.#isActive(entry)) {
          // Closed while its counts were being read: untracked, not a failure.
          if (isClosing(entry.source)) this.#untrack(entry);
          else this.#failed(entry, describe(error));
        }
      } finally {
        if (entry.read === read) entry.read = undefined;
      }
    })();
    return read;
  }

  #isActive(entry: TrackedQueue): boolean {
    return !this.#closed && this.#queues.get(entry.source) === entry;
  }

  #apply(entry: TrackedQueue, counts: Record<string, number>): void {
    entry.failing = false;
    entry.warned = false;
    if (!entry.reported) return;
    const states = new Set<string>();
    for (const [rawState, count] of Object.entries(counts)) {
      if (!Number.isFinite(count)) continue;
      const state = sanitizeLabelValue(rawState);
      this.#gauge.set({ messaging_destination_name: entry.label, state }, count);
      states.add(state);
    }
    // A state no longer reported (a source returning fewer states) must not keep its last value.
    for (const state of entry.states) {
      if (!states.has(state)) this.#gauge.remove({ messaging_destination_name: entry.label, state });
    }
    entry.states = states;
  }

  #failed(entry: TrackedQueue, reason: string): void {
    this.#errors.inc({ messaging_destination_name: entry.label });
    entry.failing = true;
    const now = Date.now();
    if (entry.warned || now - entry.warnedAt < WARNING_INTERVAL_MS) return;
    entry.warned = true;
    entry.warnedAt = now;
    try {
      diag.warn(
        `queue-otel/metrics: could not read the job counts of queue "${entry.label}" (${reason}); queue_otel_queue_jobs keeps its ` +
          'last values for it and queue_otel_queue_jobs_refresh_errors_total counts each failed refresh (logged again after it recovers)',
      );
    } catch {
      // The application's diag logger threw: the failure is counted all the same, and refreshes never reject.
    }
  }

  /** Removes the queue's gauge series, unless another tracked queue of the same name still writes them. */
  #removeSeries(entry: TrackedQueue): void {
    if (!entry.reported) return;
    for (const other of this.#queues.values()) if (other.label === entry.label) return;
    for (const state of entry.states) this.#gauge.remove({ messaging_destination_name: entry.label, state });
    entry.states = new Set();
  }

  #ensureTimer(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.refresh().catch(() => undefined), this.#intervalMs);
    this.#timer.unref();
  }

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** A short, single-line reason: the error's class and message, bounded (it may quote whatever Redis said). */
function describe(error: unknown): string {
  return error instanceof Error ? sanitizeLabelValue(`${error.name}: ${error.message}`) : `a rejection with ${typeof error}`;
}
