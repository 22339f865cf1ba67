import type { WarningLogger } from '../propagation';

/**
 * Logs a message per topic at most once per interval. An observer that falls behind at thousands of
 * events a second must say so, but one line a minute is enough; the counts are in `stats()`.
 */
export class RateLimitedLog {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly log: WarningLogger,
    private readonly intervalMs: number,
  ) {}

  /** Logs `message()` unless `topic` was logged within the interval; returns whether it logged. */
  warn(topic: string, message: () => string): boolean {
    const now = Date.now();
    const previous = this.last.get(topic);
    if (previous !== undefined && now - previous < this.intervalMs) return false;
    this.last.set(topic, now);
    try {
      this.log(message());
    } catch {
      // a broken logger must not break the observer
    }
    return true;
  }
}
