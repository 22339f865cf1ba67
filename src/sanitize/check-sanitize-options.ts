/**
 * Checks sanitize options given in code, where a JavaScript caller (or a cast) can pass any shape. Without it a
 * slip was accepted without a word: `sanitize: 'strict'` ran the defaults, `detectors: { fax: false }` and a
 * misspelt option did nothing, a redactor that is not a function dropped its key on every call, a `keyCacheSize`
 * of NaN left the key cache unbounded. The value rules are the configuration file's (option-rules.ts).
 */
import { DETECTOR_NAMES } from './options';
import type { DetectorName, SanitizeOptions } from './options';
import {
  boolRule,
  describeValue,
  detectorSwitchesRule,
  isMapping,
  nonNegativeIntRule,
  patternListRule,
  positiveIntRule,
  unknownNameWhy,
} from './option-rules';

function fail(path: string, why: string, value: unknown): never {
  throw new TypeError(`queue-otel: ${path}: ${why}, got ${describeValue(value)}`);
}

type Check = (value: unknown, path: string) => void;

const bool: Check = (value, path) => boolRule(value, path, fail);
const patterns: Check = (value, path) => patternListRule(value, path, fail);

/** In code a detector is named exactly as `DetectorName` spells it (`paymentCard`); only the file takes snake_case. */
const exactDetectorName = (raw: string): DetectorName | undefined => DETECTOR_NAMES.find((name) => name === raw);

/** A custom detector's name becomes part of its marker and a stats key. */
const CUSTOM_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const CUSTOM_KEYS: readonly string[] = ['name', 'pattern', 'validate'];

function customDetector(entry: unknown, path: string): void {
  if (!isMapping(entry)) fail(path, 'expected a custom detector { name, pattern, validate? }', entry);
  for (const key of Object.keys(entry)) {
    if (!CUSTOM_KEYS.includes(key)) fail(`${path}.${key}`, unknownNameWhy('key', key, CUSTOM_KEYS), key);
  }
  const { name, pattern, validate } = entry;
  if (typeof name !== 'string' || !CUSTOM_NAME.test(name)) fail(`${path}.name`, "expected 1-64 letters, digits, '_', '-' or '.'", name);
  if (typeof pattern === 'string') {
    try {
      new RegExp(pattern);
    } catch (err) {
      fail(`${path}.pattern`, `expected a valid regular expression (${(err as Error).message})`, pattern);
    }
  } else if (!(pattern instanceof RegExp)) {
    fail(`${path}.pattern`, 'expected a RegExp or its source (a string)', pattern);
  }
  if (validate !== undefined && typeof validate !== 'function') fail(`${path}.validate`, 'expected a function of the match returning true or false', validate);
}

function redactors(value: unknown, path: string): void {
  if (!isMapping(value)) fail(path, 'expected a mapping of attribute key (or * pattern) to a function', value);
  for (const [key, redactor] of Object.entries(value)) {
    // Undefined is no redactor for the key (key-policy.ts skips it), as a top-level option left undefined is unset.
    if (redactor !== undefined && typeof redactor !== 'function') fail(`${path}[${JSON.stringify(key)}]`, 'expected a function (value, key) => value or undefined', redactor);
  }
}

/** One check per option: the Record makes a new SanitizeOptions field a compile error here until it is checked. */
const CHECKS: Readonly<Record<keyof SanitizeOptions, Check>> = {
  allowedAttributes: patterns,
  extraAllowedAttributes: patterns,
  allowAll: bool,
  blockedAttributes: patterns,
  extraBlockedAttributes: patterns,
  detectors: (value, path) => detectorSwitchesRule(value, path, fail, exactDetectorName),
  customDetectors: (value, path) => {
    if (!Array.isArray(value)) fail(path, 'expected a list of custom detectors { name, pattern, validate? }', value);
    value.forEach((entry: unknown, i) => customDetector(entry, `${path}[${i}]`));
  },
  redactors,
  maxValueLength: (value, path) => positiveIntRule(value, path, fail),
  stripSqlLiterals: bool,
  redactRedisScriptArgs: bool,
  redactPayloads: bool,
  payloadHashKey: (value, path) => {
    // An empty key is most often an unset variable: it would look like protection and give none.
    if (typeof value !== 'string' || value === '') fail(path, 'expected a non-empty string (the HMAC key)', value);
  },
  keyCacheSize: (value, path) => nonNegativeIntRule(value, path, fail),
};
const KNOWN: readonly string[] = Object.keys(CHECKS);

/**
 * Throws a TypeError naming the first option of the wrong shape and the value given, e.g.
 * `queue-otel: sanitize.detectors.emial: unknown detector (did you mean email?), got "emial"` or
 * `queue-otel: sanitize.detectors.fax: unknown detector (known: jwt, …), got "fax"`; returns for valid options.
 * Undefined fields mean their default. The Sanitizer runs it once, when it is built.
 * @param options what the caller passed as sanitize options.
 * @param path the name used in messages.
 */
export function checkSanitizeOptions(options: unknown, path = 'sanitize'): asserts options is SanitizeOptions {
  if (!isMapping(options)) fail(path, 'expected an object of sanitize options (or a Sanitizer)', options);
  for (const [key, value] of Object.entries(options)) {
    const check = Object.prototype.hasOwnProperty.call(CHECKS, key) ? CHECKS[key as keyof SanitizeOptions] : undefined;
    if (check === undefined) fail(`${path}.${key}`, unknownNameWhy('option', key, KNOWN), key);
    if (value !== undefined) check(value, `${path}.${key}`);
  }
}
