/** How a number outside what an option accepts is reported; shared by the flags and the settings from the environment. */

/** The values an option accepts, both ends included. */
export interface IntRange {
  min: number;
  max: number;
}

/** True for text a user meant as a negative number (`-5`, `-0.5`, `-.5`, `-1e3`). */
export function looksNegative(raw: string): boolean {
  return /^-(\d|\.\d)/.test(raw.trim());
}

/**
 * The message for a value outside `range`: it names the option, the range and the value, and says so when a
 * negative number was given (the most common slip, and one the parser would otherwise take for an option).
 */
export function outOfRangeMessage(option: string, raw: string, range: IntRange, unit = 'a whole number'): string {
  const allowed = `${unit} from ${range.min} to ${range.max}`;
  const value = JSON.stringify(raw);
  return looksNegative(raw) ? `${option}: a negative number is not allowed, got ${value} (${allowed})` : `${option} must be ${allowed}, got ${value}`;
}
