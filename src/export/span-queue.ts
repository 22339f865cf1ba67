import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/**
 * Which spans make room when the buffer is full: `drop-oldest` (default) keeps the most recent spans,
 * which describe what the system is doing now; `drop-newest` keeps the start of an outage intact.
 */
export type OverflowPolicy = 'drop-oldest' | 'drop-newest';

/**
 * A fixed-capacity FIFO of spans on a ring, so taking from the head and putting a failed batch back are
 * O(batch) with no array shifting, and memory never grows past `capacity` slots.
 *
 * @example
 * const queue = new SpanQueue(2048, 'drop-oldest');
 * const evicted = queue.push(spans, 2048); // spans that no longer fit
 * const batch = queue.take(512);
 */
export class SpanQueue {
  readonly #slots: Array<ReadableSpan | undefined>;
  readonly #policy: OverflowPolicy;
  #head = 0;
  #size = 0;

  /** @param capacity the most spans held at once; must be a positive integer. */
  constructor(capacity: number, policy: OverflowPolicy) {
    this.#slots = new Array<ReadableSpan | undefined>(capacity).fill(undefined);
    this.#policy = policy;
  }

  /** Spans waiting. */
  get size(): number {
    return this.#size;
  }

  /** Slots in total. */
  get capacity(): number {
    return this.#slots.length;
  }

  /**
   * Appends `spans`, holding at most `limit` spans afterwards (`limit` <= capacity: the caller reserves room
   * for a batch it has taken out and may put back). Returns the spans that had to go: from the head
   * (`drop-oldest`, then the oldest incoming if even those do not fit) or from the incoming (`drop-newest`).
   */
  push(spans: readonly ReadableSpan[], limit: number): ReadableSpan[] {
    const room = Math.min(limit, this.capacity);
    const excess = this.#size + spans.length - room;
    if (excess <= 0) {
      for (const span of spans) this.#append(span);
      return [];
    }
    if (this.#policy === 'drop-newest') {
      const fit = Math.max(0, room - this.#size);
      for (const span of spans.slice(0, fit)) this.#append(span);
      return spans.slice(fit);
    }
    const evicted = this.take(Math.min(this.#size, excess));
    const fromIncoming = excess - evicted.length;
    // One by one: a spread passes every span as an argument, and an export batch of some 100 000 spans (a large
    // OTEL_BSP_MAX_EXPORT_BATCH_SIZE with a small buffer) overflowed the call stack with a RangeError.
    for (let i = 0; i < fromIncoming; i += 1) evicted.push(spans[i]!);
    for (const span of spans.slice(fromIncoming)) this.#append(span);
    return evicted;
  }

  /** Removes and returns up to `max` spans from the head, oldest first. */
  take(max: number): ReadableSpan[] {
    const count = Math.min(max, this.#size);
    const out: ReadableSpan[] = [];
    for (let i = 0; i < count; i += 1) {
      const index = (this.#head + i) % this.capacity;
      out.push(this.#slots[index] as ReadableSpan);
      this.#slots[index] = undefined; // release the span for GC at once
    }
    this.#head = (this.#head + count) % this.capacity;
    this.#size -= count;
    return out;
  }

  /**
   * Puts a taken batch back at the head, in its order, so a retry sends the same spans first. Spans that
   * no longer fit (the caller broke its reservation) are returned rather than overwriting others.
   */
  putBack(spans: readonly ReadableSpan[]): ReadableSpan[] {
    const fit = Math.min(spans.length, this.capacity - this.#size);
    for (let i = fit - 1; i >= 0; i -= 1) {
      this.#head = (this.#head - 1 + this.capacity) % this.capacity;
      this.#slots[this.#head] = spans[i];
      this.#size += 1;
    }
    return spans.slice(fit);
  }

  #append(span: ReadableSpan): void {
    this.#slots[(this.#head + this.#size) % this.capacity] = span;
    this.#size += 1;
  }
}
