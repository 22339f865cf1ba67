/**
 * The rules a sanitize option's value must follow, shared by the two places options arrive: the configuration
 * file's `security` section (config.ts) and options given in code (check-sanitize-options.ts). Each rule returns
 * the value when it holds and otherwise calls the caller's `fail`, which decides the error's class and prefix.
 */
import { nearestNames } from '../options';
import { DETECTOR_NAMES } from './options';
import type { DetectorName } from './options';

/** Reports a value that breaks a rule: `path` names the option as the user wrote it, `why` what was expected. */
export type Fail = (path: string, why: string, value: unknown) => never;

/** How a value is shown in an error: JSON where it can be (strings quoted), never throwing (a BigInt, a cycle). */
export function describeValue(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  // JSON would show NaN and Infinity as null.
  if (typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof RegExp) return String(value);
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json.length > 120 ? `${json.slice(0, 120)}…` : json;
  } catch {
    // Not serializable: fall through to its string form.
  }
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}

/**
 * Why a name was refused: `unknown <what> (did you mean a or b?)` with the nearest of `known` (the suggestion every
 * other option check makes, option-names.ts), else `unknown <what> (known: …)` with them all.
 */
export function unknownNameWhy(what: string, name: string, known: readonly string[]): string {
  const near = nearestNames(name, known);
  return `unknown ${what} (${near.length > 0 ? `did you mean ${near.join(' or ')}?` : `known: ${known.join(', ')}`})`;
}

/** Whether `value` is a plain mapping (not null, not an array). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `true` or `false`, nothing truthy or falsy. */
export function boolRule(value: unknown, path: string, fail: Fail): boolean {
  if (typeof value !== 'boolean') fail(path, 'expected true or false', value);
  return value;
}

/** An integer of at least 1. */
export function positiveIntRule(value: unknown, path: string, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) fail(path, 'expected a positive integer', value);
  return value;
}

/** An integer of at least 0. */
export function nonNegativeIntRule(value: unknown, path: string, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(path, 'expected a non-negative integer', value);
  return value;
}

/**
 * A list of attribute keys or `*` globs, each a string with more than blanks. A string where the list belongs is
 * refused rather than spread letter by letter: its `*` would then allow (or block) every key without a word.
 */
export function patternListRule(value: unknown, path: string, fail: Fail): readonly string[] {
  if (!Array.isArray(value)) fail(path, 'expected a list of attribute keys or patterns', value);
  value.forEach((item: unknown, i) => {
    if (typeof item !== 'string' || item.trim() === '') fail(`${path}[${i}]`, 'expected a non-empty string', item);
  });
  return value as readonly string[];
}

/**
 * A mapping of built-in detector name to true/false. `nameOf` reads a name as written (the configuration file
 * also takes snake_case); undefined means no such detector. A switch left `undefined` (code only: a file has no
 * undefined) means the default, as a top-level option left undefined does: `{ phone: flag ? false : undefined }`.
 */
export function detectorSwitchesRule(
  value: unknown,
  path: string,
  fail: Fail,
  nameOf: (raw: string) => DetectorName | undefined,
): Partial<Record<DetectorName, boolean>> {
  if (!isMapping(value)) fail(path, 'expected a mapping of detector name to true/false', value);
  const out: Partial<Record<DetectorName, boolean>> = {};
  for (const [raw, on] of Object.entries(value)) {
    const name = nameOf(raw);
    if (name === undefined) fail(`${path}.${raw}`, unknownNameWhy('detector', raw, DETECTOR_NAMES), raw);
    if (on !== undefined) out[name] = boolRule(on, `${path}.${raw}`, fail);
  }
  return out;
}
