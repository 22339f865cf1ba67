/**
 * Remembers strings the detectors found nothing in. A process sees the same few attribute values on
 * every span (queue and job names, operations, worker ids), and scanning each one with every detector
 * was the largest part of the sanitizer's cost per span. Only values without any hit are remembered,
 * so the redaction counters stay exact: a cached value is one that would have counted nothing.
 *
 * Bounded by clearing when full: cheaper than LRU bookkeeping on every lookup, and the hot values are
 * back after one span.
 */
export class CleanValueCache {
  private readonly clean = new Set<string>();

  constructor(
    private readonly capacity = 4096,
    private readonly maxValueLength = 256,
  ) {}

  /** Whether `value` was scanned before and nothing was found. */
  has(value: string): boolean {
    return this.clean.has(value);
  }

  /** Records that scanning `value` found nothing. Long values are not kept: they rarely repeat. */
  remember(value: string): void {
    if (value.length > this.maxValueLength) return;
    if (this.clean.size >= this.capacity) this.clean.clear();
    this.clean.add(value);
  }
}
