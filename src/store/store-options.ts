/**
 * Checks of the span store's options. The numeric ones reach Redis as script arguments, where a NaN, an Infinity or a
 * fraction made every write fail (`ERR value is not an integer or out of range`) and every span was lost to a
 * counter; a reader's cap of Infinity asked Redis for an unbounded range. A bad value is a TypeError when the
 * exporter, reader or index is built, naming the option and the value. So is a key prefix that would break the
 * cluster hash tags of the key layout (see {@link keyPrefixProblem}).
 */
import { DEFAULT_KEY_PREFIX, keyPrefixProblem } from './keys';

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * A count option: `fallback` when undefined, else a safe integer of at least `min`.
 * @param owner the class the option belongs to, e.g. `RedisSpanExporter`
 */
export function countOption(owner: string, name: string, value: unknown, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new TypeError(`queue-otel: ${owner}: ${name} must be an integer of at least ${min}, got ${shown(value)}`);
  }
  return value;
}

/**
 * A length of time: `fallback` when undefined, else a number above 0 and at most `max` (fractions allowed). The
 * maximum is where the value stops working, not a policy: Node fires a timer of more than 2^31 - 1 ms at once, and a
 * TTL is kept exact in milliseconds only up to 2^53 - 1.
 */
export function durationOption(owner: string, name: string, value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || !(value <= max)) {
    throw new TypeError(`queue-otel: ${owner}: ${name} must be a number above 0 and at most ${max}, got ${shown(value)}`);
  }
  return value;
}

/** The longest timer Node runs as asked (a longer one fires after 1 ms). */
export const MAX_TIMER_MILLIS = 2 ** 31 - 1;

/** The longest TTL in seconds whose milliseconds stay exact integers (about 285,000 years). */
export const MAX_TTL_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

/** The key prefix: the default when undefined, else a string {@link keyPrefixProblem} accepts (no braces, not empty). */
export function keyPrefixOption(owner: string, value: unknown): string {
  if (value === undefined) return DEFAULT_KEY_PREFIX;
  const problem = keyPrefixProblem(value);
  if (problem) throw new TypeError(`queue-otel: ${owner}: keyPrefix ${problem}, got ${shown(value)}`);
  return value as string;
}
