import type { Counter, Gauge } from 'prom-client';
import type { QueueLabelLimiter } from './label-values';
import { sanitizeLabelValue } from './label-values';

/**
 * What {@link QueueDepthPoller} needs from a queue: BullMQ's `Queue` satisfies it. Structural, so the poller
 * does not tie this package to one BullMQ major.
 */
export interface QueueCountsSource {
  /** The queue's name; becomes `messaging_destination_name` (bounded). */
  readonly name: string;
  /** BullMQ's `Queue.getJobCounts()`: counts per state for all states when called without arguments. */
  getJobCounts(): Promise<Record<string, number>>;
}

/**
 * Refresh interval of the queue-depth gauge, in milliseconds. Each refresh costs one Redis round trip with a
 * handful of commands per queue; 15 s matches Prometheus' usual scrape interval.
 * @default 15000
 */
export const DEFAULT_QUEUE_DEPTH_INTERVAL_MS = 15_000;

/**
 * Refreshes the `queue_otel_queue_jobs{messaging_destination_name,state}` gauge from `getJobCounts()` of every
 * tracked queue. The timer is `unref()`ed so it never keeps a process alive; a rejected refresh is counted
 * in `queue_otel_queue_jobs_refresh_errors_total` and otherwise ignored (the gauge keeps its last values).
 * Internal to {@link QueueMetrics}, which exposes `trackQueue` and `refreshQueueDepth`.
 */
export class QueueDepthPoller {
  readonly #queues = new Set<QueueCountsSource>();
  readonly #gauge: Gauge<'messaging_destination_name' | 'state'>;
  readonly #errors: Counter<'messaging_destination_name'>;
  readonly #limiter: QueueLabelLimiter;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #refreshing: Promise<void> | undefined;
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
  }

  /** Starts tracking `queue` (refreshing it once right away); returns a function that stops tracking it. */
  track(queue: QueueCountsSource): () => void {
    if (this.#closed) throw new Error('QueueMetrics is closed');
    this.#queues.add(queue);
    this.#ensureTimer();
    void this.refresh();
    return () => {
      this.#queues.delete(queue);
      if (this.#queues.size === 0) this.#stopTimer();
    };
  }

  /**
   * Refreshes all tracked queues now. Never rejects. Overlapping calls share one refresh, so a slow Redis
   * cannot pile up refreshes.
   */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#refreshAll().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** Stops the timer and forgets all queues; waits for a refresh in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stopTimer();
    this.#queues.clear();
    await this.#refreshing;
  }

  async #refreshAll(): Promise<void> {
    await Promise.all([...this.#queues].map((queue) => this.#refreshOne(queue)));
  }

  async #refreshOne(queue: QueueCountsSource): Promise<void> {
    const queueLabel = this.#limiter.queue(queue.name);
    try {
      const counts = await queue.getJobCounts();
      // A queue folded into __other__ shares its series with others: summing would need state across
      // queues, and a last-writer-wins value is misleading, so folded queues report no depth.
      if (this.#closed || queueLabel !== sanitizeLabelValue(queue.name)) return;
      for (const [state, count] of Object.entries(counts)) {
        if (Number.isFinite(count)) {
          this.#gauge.set({ messaging_destination_name: queueLabel, state: sanitizeLabelValue(state) }, count);
        }
      }
    } catch {
      this.#errors.inc({ messaging_destination_name: queueLabel });
    }
  }

  #ensureTimer(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.refresh(), this.#intervalMs);
    this.#timer.unref();
  }

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
