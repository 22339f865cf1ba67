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

/** A length of time: `fallback` when undefined, else a finite number above 0 (fractions allowed). */
export function durationOption(owner: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`queue-otel: ${owner}: ${name} must be a finite number above 0, got ${shown(value)}`);
  }
  return value;
}

/** The key prefix: the default when undefined, else a string {@link keyPrefixProblem} accepts (no braces, not empty). */
export function keyPrefixOption(owner: string, value: unknown): string {
  if (value === undefined) return DEFAULT_KEY_PREFIX;
  const problem = keyPrefixProblem(value);
  if (problem) throw new TypeError(`queue-otel: ${owner}: keyPrefix ${problem}, got ${shown(value)}`);
  return value as string;
}
