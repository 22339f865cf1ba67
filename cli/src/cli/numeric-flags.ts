/**
 * The numeric options and the ranges they accept (documented in docs/tui.md). Each is bounded above because its
 * value sizes real work: `--width` the length of every drawn line, `--limit` the jobs read per state, a port must
 * exist, and a refresh interval beyond what timers hold would fire at once, over and over.
 */
import { outOfRangeMessage } from './range-message';
import type { IntRange } from './range-message';
import { UsageError } from './usage-error';
import type { FlagValues } from './settings';

/** Ranges of the integer options. */
export const INT_FLAG_RANGES = {
  /** Jobs per state; every state is read, so `jobs` reads up to 7 times this many. */
  limit: { min: 1, max: 10_000 },
  /** Columns of `trace`'s text waterfall; below 20 nothing useful fits. */
  width: { min: 20, max: 1_000 },
  /** The demo's first worker; the second takes the next port. */
  'metrics-port': { min: 1, max: 65_534 },
} as const satisfies Record<string, IntRange>;

/** An option of {@link INT_FLAG_RANGES}. */
export type IntFlagName = keyof typeof INT_FLAG_RANGES;

/** An integer option within its range, or the fallback when absent; anything else is a {@link UsageError}. */
export function intFlag(flags: FlagValues, name: IntFlagName, fallback: number): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const range: IntRange = INT_FLAG_RANGES[name];
  const text = String(raw);
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isInteger(value) || value < range.min || value > range.max) throw new UsageError(outOfRangeMessage(`--${name}`, text, range));
  return value;
}
