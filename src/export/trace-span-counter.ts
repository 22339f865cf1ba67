/**
 * Counts spans per trace id in a map bounded both in size and in time. The map is kept in order of last
 * activity (an entry is re-inserted on every touch), so both the least recently active trace and the
 * expired ones sit at its head and are removed in O(1) each.
 *
 * Forgetting a trace is the price of bounded memory: if more spans of a forgotten trace arrive, its count
 * starts again from zero.
 *
 * @example
 * const counter = new TraceSpanCounter(10_000, 30 * 60_000);
 * if (counter.increment(span.spanContext().traceId) > 1000) drop(span);
 */
export class TraceSpanCounter {
  readonly #entries = new Map<string, { count: number; seen: number }>();
  readonly #maxTraces: number;
  readonly #ttlMillis: number;
  readonly #now: () => number;

  /**
   * @param maxTraces traces remembered at once (at least 1).
   * @param ttlMillis a trace with no new span for this long is forgotten.
   * @param now clock, injectable for tests.
   */
  constructor(maxTraces: number, ttlMillis: number, now: () => number = Date.now) {
    this.#maxTraces = Math.max(1, maxTraces);
    this.#ttlMillis = ttlMillis;
    this.#now = now;
  }

  /** Traces remembered now. */
  get size(): number {
    return this.#entries.size;
  }

  /** Counts one more span of `traceId` and returns the trace's count including it. */
  increment(traceId: string): number {
    const now = this.#now();
    this.#expire(now);
    const entry = this.#entries.get(traceId) ?? { count: 0, seen: now };
    this.#entries.delete(traceId);
    entry.count += 1;
    entry.seen = now;
    this.#entries.set(traceId, entry);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxTraces) break;
      this.#entries.delete(oldest);
    }
    return entry.count;
  }

  #expire(now: number): void {
    for (const [traceId, entry] of this.#entries) {
      if (now - entry.seen < this.#ttlMillis) break; // the rest are more recent
      this.#entries.delete(traceId);
    }
  }
}
