import type { RedisOptions } from 'ioredis';
import type { Sanitizer, SanitizeOptions } from '../sanitize';
import type { RedisClient } from '../store/connection';

/** A BullMQ `Queue` whose (non-blocking) connection may be shared for reads: `getBackend().client`. */
export interface QueueLike {
  readonly name: string;
  getBackend(): unknown;
}

/** Options of {@link QueueEventsObserver}. Every field is optional. */
export interface ObserverOptions {
  /**
   * Where job hashes are read: a `Queue` of the same queue (its connection is shared), an ioredis
   * client (shared), or connection options / a URL (the observer opens and closes its own client, with
   * `maxRetriesPerRequest: 1` so lookups fail fast while Redis is unreachable; a shared client keeps its settings, and
   * is sent lookups only while it is `ready`: meanwhile they wait in the observer's queue, see `maxPending`).
   * @default a new client with the QueueEvents connection's settings (never the QueueEvents client
   *   itself: it sits in a blocking XREAD)
   */
  connection?: QueueLike | RedisClient | RedisOptions | string;
  /**
   * Events waiting for a lookup at most; beyond it new events are dropped and counted.
   * @default 10000
   */
  maxPending?: number;
  /** Job hashes read per pipelined round trip. @default 100 */
  batchSize?: number;
  /** Round trips in flight at once. @default 4 */
  concurrency?: number;
  /**
   * The attribute policy for the observer's spans instead of QueueOtel's: it applies to their names,
   * attributes (job names and ids, worker names), events and failed reasons. A shared {@link Sanitizer},
   * or options for one.
   * @default QueueOtel's own `sanitize` policy
   */
  sanitizer?: Sanitizer | SanitizeOptions;
  /** Report observed attempts and stalls to QueueOtel's observers (its `metrics`), as its own workers' attempts are. @default true */
  metrics?: boolean;
  /** At most one warning per topic (falling behind, connection lost, lookups failing) per interval. @default 60000 */
  warnIntervalMs?: number;
}

/**
 * Every option, so that a misspelt one (`max_pending`, `sanitize`) is refused when the observer is built instead of
 * being ignored. Typed so that a new option must be added here.
 */
export const OBSERVER_OPTIONS: Readonly<Record<keyof ObserverOptions, true>> = {
  connection: true, maxPending: true, batchSize: true, concurrency: true, sanitizer: true, metrics: true, warnIntervalMs: true,
};

/** Defaults of {@link ObserverOptions}. */
export const OBSERVER_DEFAULTS = {
  maxPending: 10_000,
  batchSize: 100,
  concurrency: 4,
  warnIntervalMs: 60_000,
} as const;

/** Validates a positive integer option. */
export function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`observer option ${name} must be a positive integer, got ${String(value)}`);
  return n;
}
